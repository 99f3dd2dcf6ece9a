// PBT queries against the real Postgres: checkpoints kept at perturbation steps, peer scores at a
// step, an exploit copying the source's checkpoint of the decision step with its event in one
// transaction, and the history lineages and schedules are read from (in @sweepwise/sweeps).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  currentPbtParams,
  keepCheckpoint,
  latestCheckpoint,
  listPbtEvents,
  pbtHistory,
  pbtNewestSourceStep,
  pbtPeerScores,
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
      spec: {
        name: 'pbt-queries-test',
        workload: { engine: { dataset: { name: 'iris' } } },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: { lr: { type: 'float', low: 0.001, high: 1, log: true, mutable: true } },
        algorithm: { type: 'pbt' },
        stopper: null,
        budget: { maxTrials: 3, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
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
  // Scores at step 2: member 2 best, member 0 worst. At step 4 member 1 has a score but no
  // checkpoint yet (a score can be stored before its checkpoint is).
  await upsertCurvePoints(db, [
    ...ids.map((trialId, i) => ({ trialId, metric: 'val_acc', step: 2, value: 0.5 + 0.1 * i })),
    { trialId: ids[2], metric: 'val_acc', step: 4, value: 0.9 },
    { trialId: ids[1], metric: 'val_acc', step: 4, value: 0.65 },
    { trialId: ids[0], metric: 'val_acc', step: 4, value: 0.4 },
  ]);
  // Each member kept its checkpoint at the perturbation step 2; members 0 and 2 went on to 4.
  for (const [i, id] of ids.entries()) {
    await saveCheckpoint(db, id, 2, new Uint8Array([i, 2]));
    expect(await keepCheckpoint(db, id, 2)).toBe(true);
  }
  await saveCheckpoint(db, ids[2], 3, new Uint8Array([2, 3]));
  await saveCheckpoint(db, ids[2], 4, new Uint8Array([2, 4]));
  await saveCheckpoint(db, ids[0], 4, new Uint8Array([0, 4]));
});

async function checkpointSteps(trialId: string): Promise<number[]> {
  const rows = await db.checkpoint.findMany({
    where: { trialId },
    orderBy: { step: 'asc' },
    select: { step: true },
  });
  return rows.map((r) => r.step);
}

afterAll(async () => {
  await db.sweep.delete({ where: { id: sweepId } });
  await db.$disconnect();
});

describe('pbt queries', () => {
  it('the history has no best member before one completed', async () => {
    const history = await pbtHistory(db, sweepId);
    expect(history).toMatchObject({ events: [], bestTrialId: null });
    expect(history.members.map((m) => [m.id, m.number, m.params])).toEqual(
      ids.map((id, number) => [id, number, { lr: 0.01 * (number + 1) }]),
    );
  });

  it('a save drops the older checkpoints except the kept ones', async () => {
    expect(await checkpointSteps(ids[2])).toEqual([2, 4]);
    expect(await keepCheckpoint(db, ids[1], 4)).toBe(false);
    // Without keeping, only the latest stays (every trial that is not a PBT member).
    const other = await db.trial.create({
      data: { sweepId, number: 9, params: { lr: 0.5 }, state: 'failed' },
    });
    await saveCheckpoint(db, other.id, 1, new Uint8Array([9, 1]));
    await saveCheckpoint(db, other.id, 2, new Uint8Array([9, 2]));
    expect(await checkpointSteps(other.id)).toEqual([2]);
    await db.trial.delete({ where: { id: other.id } });
  });

  it('scores at a step are those of the members that reached it with a checkpoint', async () => {
    const at2 = await pbtPeerScores(db, sweepId, 'val_acc', 2);
    expect(at2.map((p) => [p.number, p.value])).toEqual([
      [0, 0.5],
      [1, 0.6],
      [2, 0.7],
    ]);
    expect((await pbtPeerScores(db, sweepId, 'val_acc', 4)).map((p) => p.number)).toEqual([0, 2]);
  });

  it("an exploit copies the source's checkpoint of the decision step, not a later one", async () => {
    // Member 0 decided at step 2 after member 2 had moved on to step 4.
    const copied = await withPbtLock(db, sweepId, (tx) =>
      recordPbtExploit(tx, {
        sweepId,
        step: 2,
        trialId: ids[0],
        sourceId: ids[2],
        oldParams: { lr: 0.01 },
        newParams: { lr: 0.036 },
        reason: 'bottom-quantile',
      }),
    );
    expect(copied?.step).toBe(2);
    expect([...copied!.data]).toEqual([2, 2]);
    // Its own later checkpoint goes, so a retry resumes from the copy.
    expect(await latestCheckpoint(db, ids[0])).toEqual({ step: 2, data: new Uint8Array([2, 2]) });
    expect(await checkpointSteps(ids[0])).toEqual([2]);
    expect(await currentPbtParams(db, ids[0])).toEqual({ params: { lr: 0.036 }, step: 2 });
    expect(await currentPbtParams(db, ids[1])).toEqual({ params: { lr: 0.02 }, step: 0 });
    const [event] = await listPbtEvents(db, sweepId);
    expect(event).toMatchObject({
      step: 2,
      trialNumber: 0,
      sourceNumber: 2,
      oldParams: { lr: 0.01 },
      newParams: { lr: 0.036 },
      checkpointId: copied!.checkpointId,
      reason: 'bottom-quantile',
    });
    const stored = await db.checkpoint.findUniqueOrThrow({ where: { id: event.checkpointId! } });
    expect(stored.step).toBe(event.step);
    // Kept: the member's next save leaves the copied weights with the event.
    await saveCheckpoint(db, ids[0], 3, new Uint8Array([0, 3]));
    expect(await checkpointSteps(ids[0])).toEqual([2, 3]);
    // The params a peer had at a step are those of its last exploit at or before it.
    const at2 = await pbtPeerScores(db, sweepId, 'val_acc', 2);
    expect(at2.find((p) => p.number === 0)?.params).toEqual({ lr: 0.036 });
    // Member 1 scored step 4 but has no checkpoint there: nothing to copy.
    expect(
      await withPbtLock(db, sweepId, (tx) =>
        recordPbtExploit(tx, {
          sweepId,
          step: 4,
          trialId: ids[2],
          sourceId: ids[1],
          oldParams: {},
          newParams: {},
          reason: 'bottom-quantile',
        }),
      ),
    ).toBeNull();
  });

  it('the newest step a diverged member can copy at is where another has a score and a checkpoint', async () => {
    // Member 2's step 4; member 0's step 3 has no score.
    expect(await pbtNewestSourceStep(db, sweepId, ids[1], 'val_acc', 10)).toBe(4);
    expect(await pbtNewestSourceStep(db, sweepId, ids[1], 'val_acc', 4)).toBe(2);
    expect(await pbtNewestSourceStep(db, sweepId, ids[2], 'val_acc', 10)).toBe(2);
    expect(await pbtNewestSourceStep(db, sweepId, ids[2], 'val_acc', 2)).toBeNull();
  });

  it('an exploit copies the checkpoint of its step and its event joins the history', async () => {
    // Member 1 (diverged) copies member 0 at step 6 (member 0 having copied member 2 at step 2):
    // the source's checkpoint at the decision step, not its later one, and member 1's own
    // checkpoints after it go, so a retry resumes from the copy.
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
        reason: 'diverged',
      }),
    );
    expect(await checkpointSteps(ids[1])).toEqual([2, 6]);
    expect(await latestCheckpoint(db, ids[1])).toEqual({ step: 6, data: new Uint8Array([0, 6]) });
    expect((await listPbtEvents(db, sweepId)).map((e) => e.reason)).toEqual([
      'bottom-quantile',
      'diverged',
    ]);
    const { events } = await pbtHistory(db, sweepId);
    expect(events.map((e) => [e.trialNumber, e.sourceNumber, e.step, e.newParams])).toEqual([
      [0, 2, 2, { lr: 0.036 }],
      [1, 0, 6, { lr: 0.05 }],
    ]);
  });

  it('names the best completed member by the sweep goal', async () => {
    await db.trial.update({ where: { id: ids[0] }, data: { state: 'completed', value: 0.8 } });
    await db.trial.update({ where: { id: ids[2] }, data: { state: 'completed', value: 0.7 } });
    expect((await pbtHistory(db, sweepId)).bestTrialId).toBe(ids[0]);
  });
});
