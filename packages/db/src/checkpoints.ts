import type { Db } from './client.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { FINITE_COMPLETED } from './dashboard/sweep-summaries.js';
import { sqlRows, sqlTransaction } from './sql.js';

/**
 * Stores a trial's checkpoint at `step` and drops its older ones except those kept
 * (keepCheckpoint): a retry only ever needs the latest, and keeping every epoch's weights would
 * grow without bound. With a `store` the bytes go there and the row holds their key; without one
 * they stay inline (PBT members copy each other's inside a transaction, see recordPbtExploit).
 */
export async function saveCheckpoint(
  db: Db,
  trialId: string,
  step: number,
  data: Uint8Array,
  store: CheckpointStore | null = null,
): Promise<void> {
  const bytes = new Uint8Array(data);
  const key = store ? await store.put(trialId, step, bytes) : null;
  const dropped = await sqlTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO "Checkpoint" (id, "trialId", step, data, "storageKey", "sizeBytes")
       VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5)
       ON CONFLICT ("trialId", step) DO UPDATE SET data = EXCLUDED.data,
         "storageKey" = EXCLUDED."storageKey", "sizeBytes" = EXCLUDED."sizeBytes"`,
      [trialId, step, key ? null : Buffer.from(bytes), key, bytes.byteLength],
    );
    return sqlRows<{ storageKey: string | null }>(
      tx,
      `DELETE FROM "Checkpoint" WHERE "trialId" = $1 AND step < $2 AND NOT keep
       RETURNING "storageKey"`,
      [trialId, step],
    );
  });
  await store?.delete(storageKeys(dropped));
}

/**
 * Keeps a trial's checkpoint at `step` when later ones are saved: a PBT member's state at a
 * perturbation step, which members deciding at that step copy. False when there is none.
 */
export async function keepCheckpoint(db: Db, trialId: string, step: number): Promise<boolean> {
  const { count } = await db.checkpoint.updateMany({
    where: { trialId, step },
    data: { keep: true },
  });
  return count > 0;
}

/**
 * The newest checkpoint of a trial, or null. One whose bytes are in a store that no longer has
 * them (another machine's disk) counts as none: the retry starts over instead of failing.
 */
export async function latestCheckpoint(
  db: Db,
  trialId: string,
  store: CheckpointStore | null = null,
): Promise<{ step: number; data: Uint8Array } | null> {
  const row = await db.checkpoint.findFirst({
    where: { trialId, OR: [{ data: { not: null } }, { storageKey: { not: null } }] },
    orderBy: { step: 'desc' },
    select: { step: true, data: true, storageKey: true },
  });
  if (!row) return null;
  if (row.data) return { step: row.step, data: new Uint8Array(row.data) };
  const data = store && row.storageKey ? await store.get(row.storageKey) : null;
  return data ? { step: row.step, data } : null;
}

/** How many finished trials of a sweep keep their checkpoints, besides promoted ones. */
export const DEFAULT_KEEP_BEST_CHECKPOINTS = 3;

export interface RetentionOptions {
  /** Finished trials with the best objective values that keep their checkpoints. */
  keepBest: number;
  /** Whether the sweep is over: PBT sweeps keep every checkpoint until then. */
  sweepEnded: boolean;
  store?: CheckpointStore | null;
}

/**
 * The retention policy: once trials end, only the checkpoints of the `keepBest` best completed
 * trials (finite values, ties by number) and of promoted ones (with a test evaluation) stay, and
 * of those only the latest. Open trials keep theirs (a retry resumes from them). A PBT sweep
 * keeps all until it ends: its members copy each other's kept states at perturbation steps,
 * and a finished member may still be a slower one's source. Returns how many were dropped.
 */
export async function applyCheckpointRetention(
  db: Db,
  sweepId: string,
  options: RetentionOptions,
): Promise<number> {
  const dropped = await sqlRows<{ storageKey: string | null }>(
    db,
    `WITH sweep AS (
       SELECT id, spec->'metric'->>'goal' AS direction, spec->'algorithm'->>'type' AS algorithm
         FROM "Sweep" WHERE id = $1
     ), best AS (
       SELECT t.id FROM "Trial" t, sweep s
        WHERE t."sweepId" = s.id AND ${FINITE_COMPLETED}
        ORDER BY CASE WHEN s.direction = 'minimize' THEN t.value ELSE -t.value END, t.number
        LIMIT $2
     ), kept AS (
       SELECT id FROM best
       UNION SELECT e."trialId" FROM "TestEvaluation" e WHERE e."sweepId" = $1
     )
     DELETE FROM "Checkpoint" c USING "Trial" t, sweep s
      WHERE c."trialId" = t.id AND t."sweepId" = s.id
        AND t.state IN ('completed', 'pruned', 'failed', 'cancelled')
        AND (s.algorithm <> 'pbt' OR $3)
        AND (t.id NOT IN (SELECT id FROM kept)
             OR c.step < (SELECT max(step) FROM "Checkpoint" n WHERE n."trialId" = t.id))
      RETURNING c."storageKey"`,
    [sweepId, options.keepBest, options.sweepEnded],
  );
  await options.store?.delete(storageKeys(dropped));
  return dropped.length;
}

function storageKeys(rows: { storageKey: string | null }[]): string[] {
  return rows.flatMap((r) => (r.storageKey ? [r.storageKey] : []));
}
