import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyCheckpointRetention,
  checkpointStoreFromEnv,
  createDb,
  deleteSweep,
  FileCheckpointStore,
  latestCheckpoint,
  saveCheckpoint,
  type Db,
} from '../src/index.js';
import { createBareSweep } from './fixtures.js';

let db: Db;
let dir: string;
let store: FileCheckpointStore;
const created: string[] = [];

beforeAll(() => {
  db = createDb();
  dir = mkdtempSync(join(tmpdir(), 'sweepwise-checkpoints-'));
  store = new FileCheckpointStore(dir);
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: created } } });
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function sweepWithTrials(
  values: (number | null)[],
  options: { algorithm?: string; direction?: 'minimize' | 'maximize' } = {},
) {
  const sweep = await createBareSweep(db, 'checkpoints', values.length);
  created.push(sweep.id);
  const spec = sweep.spec as { metric: object; algorithm: object };
  await db.sweep.update({
    where: { id: sweep.id },
    data: {
      spec: {
        ...spec,
        metric: { name: 'val_loss', goal: options.direction ?? 'minimize' },
        algorithm: { type: options.algorithm ?? 'random' },
      },
    },
  });
  const trials = [];
  for (const [number, value] of values.entries()) {
    trials.push(
      await db.trial.create({
        data: {
          sweepId: sweep.id,
          number,
          params: {},
          state: value === null ? 'pruned' : 'completed',
          value,
        },
      }),
    );
  }
  return { sweepId: sweep.id, trialIds: trials.map((t) => t.id) };
}

const trialsWithCheckpoints = async (trialIds: string[]) =>
  (
    await db.checkpoint.findMany({
      where: { trialId: { in: trialIds } },
      select: { trialId: true },
    })
  ).map((c) => trialIds.indexOf(c.trialId));

describe('the file checkpoint store', () => {
  it('round-trips a checkpoint: bytes in a file, the key in the row, old files dropped', async () => {
    const { trialIds } = await sweepWithTrials([1]);
    const [trialId] = trialIds;
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 256);
    await saveCheckpoint(db, trialId, 1, new Uint8Array([9, 9]), store);
    await saveCheckpoint(db, trialId, 2, bytes, store);
    const row = await db.checkpoint.findFirstOrThrow({ where: { trialId } });
    expect(row).toMatchObject({ step: 2, data: null, storageKey: `${trialId}/2.ckpt` });
    expect(row.sizeBytes).toBe(100_000);
    expect(readdirSync(join(dir, trialId))).toEqual(['2.ckpt']);
    expect(await latestCheckpoint(db, trialId, store)).toEqual({ step: 2, data: bytes });
  });

  it('reads rows written inline before the store existed', async () => {
    const { trialIds } = await sweepWithTrials([1]);
    await saveCheckpoint(db, trialIds[0], 4, new Uint8Array([1, 2, 3]));
    expect(await latestCheckpoint(db, trialIds[0], store)).toEqual({
      step: 4,
      data: new Uint8Array([1, 2, 3]),
    });
  });

  it('treats a checkpoint whose file is gone as none, so a retry starts over', async () => {
    const { trialIds } = await sweepWithTrials([1]);
    await saveCheckpoint(db, trialIds[0], 1, new Uint8Array([5]), store);
    rmSync(join(dir, trialIds[0]), { recursive: true });
    expect(await latestCheckpoint(db, trialIds[0], store)).toBeNull();
  });

  it('never touches a path outside its directory', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a checkpoint storage key/);
  });

  it('deletes the files of a deleted sweep', async () => {
    const { sweepId, trialIds } = await sweepWithTrials([1, 2]);
    for (const id of trialIds) await saveCheckpoint(db, id, 1, new Uint8Array([1]), store);
    await deleteSweep(db, sweepId, store);
    for (const id of trialIds) expect(existsSync(join(dir, id))).toBe(false);
  });

  it('is chosen by the environment, with Postgres kept as an option', () => {
    expect(checkpointStoreFromEnv({ SWEEPWISE_STATE_DIR: '/srv/sw' })).toMatchObject({
      dir: '/srv/sw/checkpoints',
    });
    expect(checkpointStoreFromEnv({ SWEEPWISE_CHECKPOINT_DIR: '/data/ck' })).toMatchObject({
      dir: '/data/ck',
    });
    expect(checkpointStoreFromEnv({ SWEEPWISE_CHECKPOINT_STORE: 'postgres' })).toBeNull();
    expect(() => checkpointStoreFromEnv({ SWEEPWISE_CHECKPOINT_STORE: 's4' })).toThrow(
      'SWEEPWISE_CHECKPOINT_STORE must be file or postgres, got "s4"',
    );
  });
});

describe('the retention policy', () => {
  it('keeps exactly the best k finished trials and the promoted ones', async () => {
    // Trial 6 is the best by value but still running: open trials always keep theirs.
    const values = [0.5, 0.1, 0.9, 0.3, null, 0.2, 0.05, 0.7];
    const { sweepId, trialIds } = await sweepWithTrials(values);
    await db.trial.update({ where: { id: trialIds[6] }, data: { state: 'running' } });
    await db.testEvaluation.create({
      data: {
        sweepId,
        trialId: trialIds[7],
        sequence: 1,
        config: {},
        metrics: {},
        splitHash: 'h',
        trainedOn: 'train',
        epochs: 1,
        requestedBy: 'test',
      },
    });
    for (const id of trialIds) {
      await saveCheckpoint(db, id, 1, new Uint8Array([1]), store);
      await saveCheckpoint(db, id, 2, new Uint8Array([2]), store);
    }
    const dropped = await applyCheckpointRetention(db, sweepId, {
      keepBest: 3,
      sweepEnded: false,
      store,
    });
    // Best 3 finished: trials 1 (0.1), 5 (0.2), 3 (0.3); promoted: 7; running: 6.
    expect((await trialsWithCheckpoints(trialIds)).sort()).toEqual([1, 3, 5, 6, 7]);
    expect(dropped).toBe(3);
    for (const n of [0, 2, 4]) expect(existsSync(join(dir, trialIds[n]))).toBe(false);
    expect(readdirSync(join(dir, trialIds[1]))).toEqual(['2.ckpt']);
  });

  it('ranks by the direction of the objective', async () => {
    const { sweepId, trialIds } = await sweepWithTrials([0.5, 0.1, 0.9], {
      direction: 'maximize',
    });
    for (const id of trialIds) await saveCheckpoint(db, id, 1, new Uint8Array([1]));
    await applyCheckpointRetention(db, sweepId, { keepBest: 1, sweepEnded: false });
    expect(await trialsWithCheckpoints(trialIds)).toEqual([2]);
  });

  it("keeps a PBT sweep's checkpoints, kept ones too, until the sweep ends", async () => {
    const { sweepId, trialIds } = await sweepWithTrials([0.5, 0.1, 0.9], { algorithm: 'pbt' });
    for (const id of trialIds) {
      await saveCheckpoint(db, id, 1, new Uint8Array([1]));
      await db.checkpoint.updateMany({ where: { trialId: id }, data: { keep: true } });
      await saveCheckpoint(db, id, 2, new Uint8Array([2]));
    }
    expect(await applyCheckpointRetention(db, sweepId, { keepBest: 1, sweepEnded: false })).toBe(0);
    expect(await db.checkpoint.count({ where: { trialId: { in: trialIds } } })).toBe(6);
    await applyCheckpointRetention(db, sweepId, { keepBest: 1, sweepEnded: true });
    const left = await db.checkpoint.findMany({ where: { trialId: { in: trialIds } } });
    expect(left.map((c) => [trialIds.indexOf(c.trialId), c.step])).toEqual([[1, 2]]);
  });
});
