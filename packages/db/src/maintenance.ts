import { poolOf, type Db } from './client.js';
import { sqlRows } from './sql.js';
import { cancelQueuedTrials } from './trials.js';

/** The tables every trial writes to or updates: where dead rows pile up without VACUUM. */
export const HOT_TABLES = [
  'CurvePoint',
  'Trial',
  'StopDecision',
  'Checkpoint',
  'Sweep',
  'PbtEvent',
] as const;

/**
 * VACUUM ANALYZE of the hot tables, so dead rows are reclaimed and plans stay good where
 * autovacuum is off. VACUUM cannot run in a transaction: a plain query of its own.
 */
export async function vacuumHotTables(db: Db): Promise<void> {
  await poolOf(db).query(`VACUUM (ANALYZE) ${HOT_TABLES.map((t) => `"${t}"`).join(', ')}`);
}

/**
 * Ends running or paused sweeps more than `graceMs` past their max wall time: their controller
 * should have ended them (and normally does), so one still going is stuck (no worker runs
 * controllers, or its controller hangs). Their queued trials are cancelled; running ones stop at
 * their next report. Returns the ids of the sweeps it ended.
 */
export async function endOverdueSweeps(db: Db, graceMs: number): Promise<string[]> {
  const ended = await sqlRows<{ id: string }>(
    db,
    `UPDATE "Sweep" SET status = 'finished', "finishedAt" = now(), "updatedAt" = now(),
       error = coalesce(error, 'ended by maintenance: still ' || status::text || ' past its max wall time')
     WHERE status IN ('running', 'paused') AND "startedAt" IS NOT NULL
       AND spec->'budget'->>'maxWallTimeS' IS NOT NULL
       AND "startedAt" + make_interval(secs => (spec->'budget'->>'maxWallTimeS')::float8 + $1::float8 / 1000) < now()
     RETURNING id`,
    [graceMs],
  );
  for (const { id } of ended) {
    await cancelQueuedTrials(db, id, "the sweep's max wall time ran out");
  }
  return ended.map((s) => s.id);
}
