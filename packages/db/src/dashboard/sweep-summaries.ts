import type { Db } from '../client.js';

/** Trial states after which a trial uses no more budget. */
export const FINISHED_TRIAL_STATES = ['completed', 'pruned', 'failed', 'cancelled'] as const;

/** SQL condition: a completed trial with a finite objective value (alias `t`). */
export const FINITE_COMPLETED = `t.state = 'completed' AND t.value IS NOT NULL AND t.value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`;

/** SQL: the sweep `s`'s spec array `key`, or an empty one when the spec has none. */
export const SPEC_ARRAY = (key: string) =>
  `CASE WHEN jsonb_typeof(s.spec->'${key}') = 'array' THEN s.spec->'${key}' ELSE '[]'::jsonb END`;

/**
 * SQL condition: trial `t` meets every bound of its sweep `s`'s constraints (`{metric, max|min}`
 * on a final metric); a missing or non-numeric metric meets none. An infeasible trial is never best.
 */
export const FEASIBLE = `NOT EXISTS (
  SELECT 1 FROM jsonb_array_elements(${SPEC_ARRAY('constraints')}) c
   WHERE CASE WHEN jsonb_typeof(t.metrics->(c->>'metric')) = 'number'
              THEN coalesce((t.metrics->>(c->>'metric'))::float8 > (c->>'max')::float8, false)
                OR coalesce((t.metrics->>(c->>'metric'))::float8 < (c->>'min')::float8, false)
              ELSE true END)`;

/** A sweep row of the list page and of GET /api/v1/sweeps. */
export interface SweepSummary {
  id: string;
  name: string;
  status: string;
  algorithm: string;
  objectiveMetric: string;
  direction: 'minimize' | 'maximize';
  maxTrials: number;
  trialsDone: number;
  trialsRunning: number;
  bestValue: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  archivedAt: Date | null;
}

/** Which sweeps a list shows: the default leaves archived ones out. */
export type ArchivedFilter = 'exclude' | 'only' | 'include';

interface SummaryFilter {
  id?: string;
  take?: number;
  archived?: ArchivedFilter;
}

/**
 * Sweeps with their progress and best value, one aggregate query for the whole list. The best
 * value counts completed trials only (a pruned trial's last value is not a final objective) within
 * the sweep's constraints, and skips NaN and infinities, which Postgres sorts above every number.
 */
async function querySweepSummaries(db: Db, filter: SummaryFilter): Promise<SweepSummary[]> {
  const rows = await db.$queryRawUnsafe<SweepSummary[]>(
    `SELECT s.id, s.name, s.status::text AS status, s.spec->'algorithm'->>'type' AS algorithm,
            s.spec->'metric'->>'name' AS "objectiveMetric", s.spec->'metric'->>'goal' AS direction,
            (s.spec->'budget'->>'maxTrials')::int AS "maxTrials", s."createdAt", s."startedAt", s."finishedAt",
            s."archivedAt",
            count(t.id) FILTER (WHERE t.state IN ('completed','pruned','failed','cancelled'))::int AS "trialsDone",
            count(t.id) FILTER (WHERE t.state = 'running')::int AS "trialsRunning",
            CASE WHEN s.spec->'metric'->>'goal' = 'minimize' THEN min(t.value) FILTER (WHERE ${FINITE_COMPLETED} AND ${FEASIBLE})
                 ELSE max(t.value) FILTER (WHERE ${FINITE_COMPLETED} AND ${FEASIBLE}) END AS "bestValue"
       FROM "Sweep" s LEFT JOIN "Trial" t ON t."sweepId" = s.id
      WHERE ($1::text IS NULL OR s.id = $1)
        AND ($3::text = 'include' OR (s."archivedAt" IS NOT NULL) = ($3::text = 'only'))
      GROUP BY s.id
      ORDER BY s."createdAt" DESC
      LIMIT $2`,
    filter.id ?? null,
    filter.take ?? 200,
    filter.archived ?? 'include',
  );
  return rows;
}

/** Newest first, at most `take` sweeps; archived ones only when asked for. */
export function listSweepSummaries(
  db: Db,
  take = 200,
  archived: ArchivedFilter = 'exclude',
): Promise<SweepSummary[]> {
  return querySweepSummaries(db, { take, archived });
}

/** One sweep's summary, or null when there is no such sweep. */
export async function findSweepSummary(db: Db, id: string): Promise<SweepSummary | null> {
  const [row] = await querySweepSummaries(db, { id, take: 1 });
  return row ?? null;
}

/**
 * The best completed trials of a sweep by its objective (finite values within its constraints
 * only), best first.
 */
export async function listBestTrials(
  db: Db,
  sweepId: string,
  direction: 'minimize' | 'maximize',
  take = 20,
): Promise<{ id: string; number: number; value: number; params: Record<string, unknown> }[]> {
  return db.$queryRawUnsafe(
    `SELECT t.id, t.number, t.value, t.params FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId"
      WHERE t."sweepId" = $1 AND ${FINITE_COMPLETED} AND ${FEASIBLE}
      ORDER BY t.value ${direction === 'minimize' ? 'ASC' : 'DESC'}, t.number
      LIMIT $2`,
    sweepId,
    take,
  );
}
