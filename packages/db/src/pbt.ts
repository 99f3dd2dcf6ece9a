// Population-based training in the store of record: the exploit/explore events (PbtEvent rows),
// the scores members compare at a step, the copy of a source's checkpoint, and for the dashboard
// and replays a sweep's whole history (@sweepwise/sweeps reads lineages and schedules from it).
import type { Db } from './client.js';
import { FEASIBLE } from './dashboard/sweep-summaries.js';
import { NotFoundError } from './errors.js';
import { sqlRows, sqlTransaction, type Sql } from './sql.js';

/**
 * Why a member copied another: it was in the bottom quantile at a perturbation step (truncation
 * selection), or its loss went NaN/infinite and it counts as the worst member at once.
 */
export type PbtReason = 'bottom-quantile' | 'diverged';

export interface PbtEventRow {
  id: string;
  sweepId: string;
  step: number;
  trialId: string;
  trialNumber: number;
  sourceId: string;
  sourceNumber: number;
  oldParams: Record<string, unknown>;
  newParams: Record<string, unknown>;
  /** The member's checkpoint row holding the copied weights at `step` (kept by later saves). */
  checkpointId: string | null;
  reason: PbtReason;
  createdAt: Date;
}

/** A member's score at a step, as the exploit step compares them. */
export interface PbtPeerScore {
  trialId: string;
  number: number;
  params: Record<string, unknown>;
  value: number;
}

/** A sweep's PBT history: its events in order, its members' own params, its best member. */
export interface PbtHistory {
  events: PbtEventRow[];
  members: { id: string; number: number; params: Record<string, unknown> }[];
  bestTrialId: string | null;
}

const EVENT_COLUMNS = `e.id::text AS id, e."sweepId", e.step, e."trialId", t.number AS "trialNumber",
  e."sourceId", s.number AS "sourceNumber", e."oldParams", e."newParams", c.id AS "checkpointId",
  e.reason, e."createdAt"`;
const EVENT_JOINS = `JOIN "Trial" t ON t.id = e."trialId" JOIN "Trial" s ON s.id = e."sourceId"
  LEFT JOIN "Checkpoint" c ON c.id = e."checkpointId"`;

/** Every exploit/explore event of a sweep in the order they happened. */
export async function listPbtEvents(db: Db, sweepId: string): Promise<PbtEventRow[]> {
  return sqlRows<PbtEventRow>(
    db,
    `SELECT ${EVENT_COLUMNS} FROM "PbtEvent" e ${EVENT_JOINS} WHERE e."sweepId" = $1 ORDER BY e.id`,
    [sweepId],
  );
}

/**
 * A member's hyperparameters now: its last exploit's new params, else the trial's own; with the
 * step of that exploit (0 when there was none).
 */
export async function currentPbtParams(
  db: Db | Sql,
  trialId: string,
): Promise<{ params: Record<string, unknown>; step: number }> {
  const rows = await sqlRows<{ params: Record<string, unknown>; step: number }>(
    db,
    `SELECT COALESCE(e."newParams", t.params) AS params, COALESCE(e.step, 0) AS step
       FROM "Trial" t
       LEFT JOIN LATERAL (SELECT "newParams", step FROM "PbtEvent" WHERE "trialId" = t.id
                          ORDER BY id DESC LIMIT 1) e ON true
      WHERE t.id = $1`,
    [trialId],
  );
  if (rows.length === 0) throw new NotFoundError('trial', trialId);
  return rows[0];
}

/**
 * Runs `fn` in a transaction holding the sweep's PBT lock (a transaction-level advisory lock), so
 * members deciding at the same time see each other's exploits and never copy each other at once.
 */
export function withPbtLock<T>(db: Db, sweepId: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return sqlTransaction(db, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, [
      `sweepwise:pbt:${sweepId}`,
    ]);
    return fn(tx);
  });
}

/**
 * Each member's objective at `step` with its params at that time, for the members that reached it:
 * those with a score and a checkpoint there, so whoever is chosen can be copied at that very step.
 */
export async function pbtPeerScores(
  tx: Db | Sql,
  sweepId: string,
  metric: string,
  step: number,
): Promise<PbtPeerScore[]> {
  return sqlRows<PbtPeerScore>(
    tx,
    `SELECT t.id AS "trialId", t.number, COALESCE(e."newParams", t.params) AS params, p.value
       FROM "Trial" t
       JOIN "CurvePoint" p ON p."trialId" = t.id AND p.metric = $2 AND p.step = $3
       JOIN "Checkpoint" c ON c."trialId" = t.id AND c.step = $3 AND c.data IS NOT NULL
       LEFT JOIN LATERAL (SELECT "newParams" FROM "PbtEvent" WHERE "trialId" = t.id AND step <= $3
                          ORDER BY id DESC LIMIT 1) e ON true
      WHERE t."sweepId" = $1 AND t.state IN ('running', 'completed')
      ORDER BY t.number`,
    [sweepId, metric, step],
  );
}

export interface PbtExploitInput {
  sweepId: string;
  /** The step the decision was made at. */
  step: number;
  trialId: string;
  sourceId: string;
  oldParams: Record<string, unknown>;
  newParams: Record<string, unknown>;
  reason: PbtReason;
}

/**
 * The newest step before `before` at which a member other than `trialId` can be copied (it has a
 * score of `metric` and a checkpoint there), or null: where a diverged member looks for sources at
 * once (`before` its last epoch, so that it still trains after the copy).
 */
export async function pbtNewestSourceStep(
  tx: Db | Sql,
  sweepId: string,
  trialId: string,
  metric: string,
  before: number,
): Promise<number | null> {
  const [row] = await sqlRows<{ step: number | null }>(
    tx,
    `SELECT max(c.step) AS step
       FROM "Trial" t
       JOIN "Checkpoint" c ON c."trialId" = t.id AND c.data IS NOT NULL AND c.step < $4
       JOIN "CurvePoint" p ON p."trialId" = t.id AND p.metric = $3 AND p.step = c.step
      WHERE t."sweepId" = $1 AND t.id <> $2 AND t.state IN ('running', 'completed')`,
    [sweepId, trialId, metric, before],
  );
  return row.step;
}

/**
 * The exploit, inside withPbtLock: the source's checkpoint at the decision step (members keep
 * theirs at perturbation steps, see keepCheckpoint) becomes the member's checkpoint at that step,
 * its newer ones are dropped, and the event is stored with it, in one transaction: a member that
 * dies right after resumes from the copy with the new params. Null when the source has no
 * checkpoint at the step.
 */
export async function recordPbtExploit(
  tx: Sql,
  input: PbtExploitInput,
): Promise<{ eventId: string; checkpointId: string; step: number; data: Uint8Array } | null> {
  const [source] = await sqlRows<{ data: Buffer }>(
    tx,
    `SELECT data FROM "Checkpoint" WHERE "trialId" = $1 AND step = $2 AND data IS NOT NULL`,
    [input.sourceId, input.step],
  );
  if (!source) return null;
  const [copy] = await sqlRows<{ id: string }>(
    tx,
    // Kept: the event keeps pointing at the weights it copied.
    `INSERT INTO "Checkpoint" (id, "trialId", step, data, "sizeBytes", keep)
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, true)
     ON CONFLICT ("trialId", step)
     DO UPDATE SET data = EXCLUDED.data, "sizeBytes" = EXCLUDED."sizeBytes", keep = true
     RETURNING id`,
    [input.trialId, input.step, source.data, source.data.byteLength],
  );
  // A retry must resume from the copy, never from the member's own later weights. Its older kept
  // ones stay: they are its real states at those steps, which slower members may still copy.
  await tx.query(`DELETE FROM "Checkpoint" WHERE "trialId" = $1 AND step > $2`, [
    input.trialId,
    input.step,
  ]);
  const [event] = await sqlRows<{ id: string }>(
    tx,
    `INSERT INTO "PbtEvent" ("sweepId", step, "trialId", "sourceId", "oldParams", "newParams", "checkpointId", reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [
      input.sweepId,
      input.step,
      input.trialId,
      input.sourceId,
      JSON.stringify(input.oldParams),
      JSON.stringify(input.newParams),
      copy.id,
      input.reason,
    ],
  );
  return {
    eventId: event.id,
    checkpointId: copy.id,
    step: input.step,
    data: new Uint8Array(source.data),
  };
}

/** What a PBT sweep's lineages and schedules are read from (pbtOverview in @sweepwise/sweeps). */
export async function pbtHistory(db: Db, sweepId: string): Promise<PbtHistory> {
  const [events, members, bestTrialId] = await Promise.all([
    listPbtEvents(db, sweepId),
    sqlRows<PbtHistory['members'][number]>(
      db,
      `SELECT id, number, params FROM "Trial" WHERE "sweepId" = $1 ORDER BY number`,
      [sweepId],
    ),
    bestCompletedTrialId(db, sweepId),
  ]);
  return { events, members, bestTrialId };
}

async function bestCompletedTrialId(db: Db, sweepId: string): Promise<string | null> {
  const rows = await sqlRows<{ id: string }>(
    db,
    `SELECT t.id FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId"
      WHERE t."sweepId" = $1 AND t.state = 'completed' AND t.value IS NOT NULL AND t.value = t.value
        AND ${FEASIBLE}
      ORDER BY CASE WHEN s.spec->'metric'->>'goal' = 'minimize' THEN t.value ELSE -t.value END, t.number
      LIMIT 1`,
    [sweepId],
  );
  return rows[0]?.id ?? null;
}
