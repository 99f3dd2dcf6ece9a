import type { Db } from './client.js';

/**
 * Stores a trial's checkpoint at `step` and drops its older ones except those kept
 * (keepCheckpoint): a retry only ever needs the latest, and keeping every epoch's weights would
 * grow without bound.
 */
export async function saveCheckpoint(
  db: Db,
  trialId: string,
  step: number,
  data: Uint8Array,
): Promise<void> {
  const bytes = new Uint8Array(data);
  await db.$transaction([
    db.checkpoint.upsert({
      where: { trialId_step: { trialId, step } },
      create: { trialId, step, data: bytes, sizeBytes: bytes.byteLength },
      update: { data: bytes, sizeBytes: bytes.byteLength },
    }),
    db.checkpoint.deleteMany({ where: { trialId, step: { lt: step }, keep: false } }),
  ]);
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

/** The newest checkpoint of a trial, or null. */
export async function latestCheckpoint(
  db: Db,
  trialId: string,
): Promise<{ step: number; data: Uint8Array } | null> {
  const row = await db.checkpoint.findFirst({
    where: { trialId, data: { not: null } },
    orderBy: { step: 'desc' },
    select: { step: true, data: true },
  });
  return row?.data ? { step: row.step, data: new Uint8Array(row.data) } : null;
}
