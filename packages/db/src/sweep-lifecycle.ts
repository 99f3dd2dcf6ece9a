import type { Sweep } from '@prisma/client';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Db } from './client.js';
import { NotFoundError, SweepStateError } from './errors.js';
import { sqlRows, sqlTransaction } from './sql.js';

/** What a deleted sweep leaves outside Postgres, for the caller to clean up. */
export interface DeletedSweep {
  id: string;
  /** Trials that were queued or running: their jobs may still wait in the queue. */
  openTrials: { id: string; attempts: number }[];
  /** Checkpoints stored outside the database (see checkpoint-store.ts), deleted from `store`. */
  storageKeys: string[];
}

/**
 * Deletes a sweep and everything under it (trials, curve points, stop decisions, checkpoints, test
 * evaluations, PBT events: foreign keys and the curve-point trigger cascade). Refused while it can
 * still start trials (running) or while trials run, unless it is cancelled: a cancelled sweep's
 * trials stop at their next report and their workers find them gone (their heartbeats say lost).
 * The sweep row is locked first, so a controller cannot allocate trials under the delete. The
 * checkpoint files go after the rows (a crash in between leaves files, never rows without them).
 */
export async function deleteSweep(
  db: Db,
  id: string,
  store: CheckpointStore | null = null,
): Promise<DeletedSweep> {
  const deleted = await sqlTransaction(db, async (tx) => {
    const [sweep] = await sqlRows<{ status: string }>(
      tx,
      `SELECT status::text AS status FROM "Sweep" WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!sweep) throw new NotFoundError('sweep', id);
    const openTrials = await sqlRows<{ id: string; attempts: number; state: string }>(
      tx,
      `SELECT id, attempts, state::text AS state FROM "Trial"
        WHERE "sweepId" = $1 AND state IN ('queued', 'running')`,
      [id],
    );
    const running = openTrials.filter((t) => t.state === 'running').length;
    if (sweep.status === 'running') {
      throw new SweepStateError(`sweep ${id} is running: cancel it before deleting it`);
    }
    if (running > 0 && sweep.status !== 'cancelled') {
      throw new SweepStateError(
        `sweep ${id} has ${running} running trial${running === 1 ? '' : 's'}: ` +
          `cancel it (they stop at their next report) or wait for them to end`,
      );
    }
    const keys = await sqlRows<{ storageKey: string }>(
      tx,
      `SELECT c."storageKey" FROM "Checkpoint" c JOIN "Trial" t ON t.id = c."trialId"
        WHERE t."sweepId" = $1 AND c."storageKey" IS NOT NULL`,
      [id],
    );
    await tx.query(`DELETE FROM "Sweep" WHERE id = $1`, [id]);
    return {
      id,
      openTrials: openTrials.map(({ id: trialId, attempts }) => ({ id: trialId, attempts })),
      storageKeys: keys.map((k) => k.storageKey),
    };
  });
  await store?.delete(deleted.storageKeys);
  return deleted;
}

/**
 * Archives a sweep (it leaves the default list) or brings it back. An active sweep (running or
 * paused) is refused: hidden, it would hold workers where nobody looks.
 */
export async function setSweepArchived(db: Db, id: string, archived: boolean): Promise<Sweep> {
  const { count } = await db.sweep.updateMany({
    where: archived ? { id, status: { notIn: ['running', 'paused'] } } : { id },
    data: { archivedAt: archived ? new Date() : null },
  });
  const sweep = await db.sweep.findUnique({ where: { id } });
  if (!sweep) throw new NotFoundError('sweep', id);
  if (count === 0) {
    throw new SweepStateError(`cannot archive a sweep that is ${sweep.status}: cancel it first`);
  }
  return sweep;
}
