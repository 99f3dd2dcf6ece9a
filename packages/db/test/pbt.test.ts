// PBT queries against the real Postgres: peer scores at a step, an exploit copying a checkpoint
// with its event in one transaction, lineage walked back through sources, and the schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  currentPbtParams,
  latestCheckpoint,
  listPbtEvents,
  pbtLineage,
  pbtOverview,
  pbtPeerScores,
  pbtSchedule,
  recordPbtExploit,
  saveCheckpoint,
  upsertCurvePoints,
  withPbtLock,
  type Db,
} from '../src/index.js';

let db: Db;
let sweepId: string;
const ids: string[] = [];

beforeAll(async () => {
  db = createDb();
  const sweep = await db.sweep.create({
    data: {
      name: 'pbt-queries-test',
      workload: { engine: { dataset: { name: 'iris' } } },
      objectiveMetric: 'val_acc',
      direction: 'maximize',
      space: { lr: { type: 'float', low: 0.001, high: 1, log: true, mutable: true } },
      algorithm: 'pbt',
      maxTrials: 3,
      status: 'running',
    },
  });
  sweepId = sweep.id;
  for (let number = 0; number < 3; number++) {
    const t = await db.trial.create({
      data: { sweepId, number, params: { lr: 0.01 * (number + 1) }, state: 'running' },
    });
    ids.push(t.id);
  }
  // Scores at step 2: member 2 best, member 0 worst; member 1 has not reached step 4.
  await upsertCurvePoints(db, [
    ...ids.map((trialId, i) => ({ trialId, metric: 'val_acc', step: 2, value: 0.5 + 0.1 * i })),
    { trialId: ids[2], metric: 'val_acc', step: 4, value: 0.9 },
    { trialId: ids[0], metric: 'val_acc', step: 4, value: 0.4 },
  ]);
  await saveCheckpoint(db, ids[2], 4, new Uint8Array([2, 4]));
  await saveCheckpoint(db, ids[0], 2, new Uint8Array([0, 2]));
});

afterAll(async () => {
  await db.sweep.delete({ where: { id: sweepId } });
  await db.$disconnect();
});

describe('pbt queries', () => {
  it('the overview has no best member before one completed', async () => {
    expect(await pbtOverview(db, sweepId)).toEqual({ events: [], best: null });
  });

  it('scores at a step are those of the members that reached it', async () => {
    const at2 = await pbtPeerScores(db, sweepId, 'val_acc', 2);
    expect(at2.map((p) => [p.number, p.value])).toEqual([
      [0, 0.5],
      [1, 0.6],
      [2, 0.7],
    ]);
    expect((await pbtPeerScores(db, sweepId, 'val_acc', 4)).map((p) => p.number)).toEqual([0, 2]);
  });

  it("an exploit copies the source's latest checkpoint and stores the event with it", async () => {
    const copied = await withPbtLock(db, sweepId, (tx) =>
      recordPbtExploit(tx, {
        sweepId,
        step: 2,
        trialId: ids[0],
        sourceId: ids[2],
        oldParams: { lr: 0.01 },
        newParams: { lr: 0.036 },
      }),
    );
    expect(copied?.step).toBe(4);
    expect([...copied!.data]).toEqual([2, 4]);
    expect(await latestCheckpoint(db, ids[0])).toEqual({ step: 4, data: new Uint8Array([2, 4]) });
    expect(await db.checkpoint.count({ where: { trialId: ids[0] } })).toBe(1);
    expect(await currentPbtParams(db, ids[0])).toEqual({ params: { lr: 0.036 }, step: 4 });
    expect(await currentPbtParams(db, ids[1])).toEqual({ params: { lr: 0.02 }, step: 0 });
    const [event] = await listPbtEvents(db, sweepId);
    expect(event).toMatchObject({
      step: 4,
      trialNumber: 0,
      sourceNumber: 2,
      oldParams: { lr: 0.01 },
      newParams: { lr: 0.036 },
      checkpointId: copied!.checkpointId,
    });
    // The params a peer had at a step are those of its last exploit at or before it.
    const at4 = await pbtPeerScores(db, sweepId, 'val_acc', 4);
    expect(at4.find((p) => p.number === 0)?.params).toEqual({ lr: 0.036 });
    expect(
      await withPbtLock(db, sweepId, (tx) =>
        recordPbtExploit(tx, {
          sweepId,
          step: 4,
          trialId: ids[2],
          sourceId: ids[1],
          oldParams: {},
          newParams: {},
        }),
      ),
    ).toBeNull();
  });

  it('walks the lineage back and gives the replayable schedule', async () => {
    // Member 1 copies member 0 at step 6 (member 0 having copied member 2 at step 4): the
    // source's checkpoint at the decision step is preferred to a later one, and member 1's own
    // checkpoints all go, so a retry resumes from the copy.
    await saveCheckpoint(db, ids[0], 6, new Uint8Array([0, 6]));
    await db.checkpoint.create({
      data: { trialId: ids[0], step: 7, data: new Uint8Array([0, 7]), sizeBytes: 2 },
    });
    await saveCheckpoint(db, ids[1], 8, new Uint8Array([1, 8]));
    await withPbtLock(db, sweepId, (tx) =>
      recordPbtExploit(tx, {
        sweepId,
        step: 6,
        trialId: ids[1],
        sourceId: ids[0],
        oldParams: { lr: 0.02 },
        newParams: { lr: 0.05 },
      }),
    );
    expect(
      await db.checkpoint.findMany({ where: { trialId: ids[1] }, select: { step: true } }),
    ).toEqual([{ step: 6 }]);
    const chain = await pbtLineage(db, sweepId, ids[1]);
    expect(chain.map((e) => [e.trialNumber, e.sourceNumber, e.step])).toEqual([
      [0, 2, 4],
      [1, 0, 6],
    ]);
    expect(await pbtLineage(db, sweepId, ids[2])).toEqual([]);
    const schedule = await pbtSchedule(db, sweepId, ids[1]);
    expect(schedule).toMatchObject({ number: 1, originNumber: 2 });
    expect(schedule.segments.map((s) => [s.fromStep, s.params])).toEqual([
      [1, { lr: 0.03 }],
      [5, { lr: 0.036 }],
      [7, { lr: 0.05 }],
    ]);
  });

  it('defaults to the best completed member', async () => {
    await db.trial.update({ where: { id: ids[0] }, data: { state: 'completed', value: 0.8 } });
    await db.trial.update({ where: { id: ids[2] }, data: { state: 'completed', value: 0.7 } });
    const schedule = await pbtSchedule(db, sweepId);
    expect(schedule.number).toBe(0);
    expect(schedule.segments.map((s) => s.fromStep)).toEqual([1, 5]);
    const overview = await pbtOverview(db, sweepId);
    expect(overview.events).toHaveLength(2);
    expect(overview.best?.schedule).toEqual(schedule);
    expect(overview.best?.lineage.map((e) => e.trialNumber)).toEqual([0]);
  });
});
