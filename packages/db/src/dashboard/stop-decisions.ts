import type { Db } from '../client.js';

/** A row of the early-stopping log. `id` is the paging cursor (a string: it is a bigint). */
export interface StopDecisionRow {
  id: string;
  trialNumber: number;
  step: number;
  rule: string;
  decision: string;
  value: number | null;
  threshold: number | null;
  rank: number | null;
  peers: number | null;
  reason: string;
  createdAt: Date;
}

export interface StopDecisionQuery {
  /** Only decisions older than this id (the previous page's last id). */
  before?: string;
  /** Only decisions written after this instant (the live-update cursor). */
  since?: Date;
  /** 'stop' keeps the stops only; continues are sampled and many. */
  decision?: 'stop' | 'continue';
  trialNumber?: number;
  limit?: number;
}

/** A sweep's early-stopping decisions, newest first, one page at a time. */
export async function listStopDecisions(
  db: Db,
  sweepId: string,
  query: StopDecisionQuery = {},
): Promise<StopDecisionRow[]> {
  const rows = await db.$queryRawUnsafe<(Omit<StopDecisionRow, 'id'> & { id: bigint })[]>(
    `SELECT d.id, t.number AS "trialNumber", d.step, d.rule, d.decision, d.value, d.threshold,
            d.rank, d.peers, d.reason, d."createdAt"
       FROM "Trial" t JOIN "StopDecision" d ON d."trialId" = t.id
      WHERE t."sweepId" = $1
        AND ($2::bigint IS NULL OR d.id < $2::bigint)
        AND ($3::timestamp IS NULL OR d."createdAt" > $3::timestamp)
        AND ($4::text IS NULL OR d.decision = $4)
        AND ($5::int IS NULL OR t.number = $5)
      ORDER BY d.id DESC
      LIMIT $6`,
    sweepId,
    query.before ?? null,
    query.since ?? null,
    query.decision ?? null,
    query.trialNumber ?? null,
    pageLimit(query.limit),
  );
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** A page size between 1 and 1000; anything else (missing, NaN) means the default 100. */
function pageLimit(limit: number | undefined): number {
  return Number.isInteger(limit) && limit! >= 1 ? Math.min(limit!, 1000) : 100;
}
