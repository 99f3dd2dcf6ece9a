import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  deleteSweep,
  listSweepSummaries,
  recordStopDecisions,
  saveCheckpoint,
  setSweepArchived,
  upsertCurvePoints,
  type Db,
} from '../src/index.js';
import { createBareSweep } from './fixtures.js';

let db: Db;
const created: string[] = [];

beforeAll(() => {
  db = createDb();
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: created } } });
  await db.$disconnect();
});

/** A sweep with a row in every table under it: trials, points, decisions, checkpoints, tests, PBT. */
async function populatedSweep(status: 'finished' | 'running' | 'paused' | 'cancelled') {
  const sweep = await createBareSweep(db, 'lifecycle');
  created.push(sweep.id);
  await db.sweep.update({ where: { id: sweep.id }, data: { status } });
  const trials = [];
  for (let number = 0; number < 3; number++) {
    trials.push(
      await db.trial.create({
        data: { sweepId: sweep.id, number, params: { lr: number }, state: 'completed', value: 1 },
      }),
    );
  }
  const [a, b] = trials;
  await upsertCurvePoints(
    db,
    trials.flatMap((t) =>
      [1, 2].map((step) => ({ trialId: t.id, metric: 'val_loss', step, value: step })),
    ),
  );
  await recordStopDecisions(db, [
    { trialId: a.id, step: 1, rule: 'median', decision: 'continue', reason: 'above median' },
  ]);
  await saveCheckpoint(db, a.id, 2, new Uint8Array([1, 2, 3]));
  await db.testEvaluation.create({
    data: {
      sweepId: sweep.id,
      trialId: b.id,
      sequence: 1,
      config: {},
      metrics: { test_acc: 0.9 },
      splitHash: 'h',
      trainedOn: 'train',
      epochs: 1,
      requestedBy: 'test',
    },
  });
  await db.pbtEvent.create({
    data: {
      sweepId: sweep.id,
      step: 1,
      trialId: a.id,
      sourceId: b.id,
      oldParams: {},
      newParams: {},
    },
  });
  return { sweepId: sweep.id, trialIds: trials.map((t) => t.id) };
}

/** Rows left under a sweep in every table that hangs off it, by raw SQL. */
async function leftovers(sweepId: string, trialIds: string[]): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(
    `SELECT
       (SELECT count(*)::int FROM "Sweep" WHERE id = $1) AS sweeps,
       (SELECT count(*)::int FROM "Trial" WHERE "sweepId" = $1 OR id = ANY($2::text[])) AS trials,
       (SELECT count(*)::int FROM "CurvePoint" WHERE "trialId" = ANY($2::text[])) AS "curvePoints",
       (SELECT count(*)::int FROM "StopDecision" WHERE "trialId" = ANY($2::text[])) AS "stopDecisions",
       (SELECT count(*)::int FROM "Checkpoint" WHERE "trialId" = ANY($2::text[])) AS checkpoints,
       (SELECT count(*)::int FROM "TestEvaluation" WHERE "sweepId" = $1 OR "trialId" = ANY($2::text[])) AS "testEvaluations",
       (SELECT count(*)::int FROM "PbtEvent" WHERE "sweepId" = $1 OR "trialId" = ANY($2::text[])) AS "pbtEvents"`,
    sweepId,
    trialIds,
  );
  return row;
}

describe('deleteSweep', () => {
  it('deletes the sweep and every row under it, leaving no orphans', async () => {
    const { sweepId, trialIds } = await populatedSweep('finished');
    const before = await leftovers(sweepId, trialIds);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const deleted = await deleteSweep(db, sweepId);
    expect(deleted.id).toBe(sweepId);
    expect(await leftovers(sweepId, trialIds)).toEqual({
      sweeps: 0,
      trials: 0,
      curvePoints: 0,
      stopDecisions: 0,
      checkpoints: 0,
      testEvaluations: 0,
      pbtEvents: 0,
    });
  });

  it('refuses a running sweep, naming the way out', async () => {
    const { sweepId } = await populatedSweep('running');
    await expect(deleteSweep(db, sweepId)).rejects.toMatchObject({
      name: 'SweepStateError',
      message: expect.stringMatching(/is running: cancel it/),
    });
    expect(await db.sweep.count({ where: { id: sweepId } })).toBe(1);
  });

  it('refuses while trials run unless the sweep is cancelled, and returns its open trials', async () => {
    const { sweepId, trialIds } = await populatedSweep('paused');
    await db.trial.update({ where: { id: trialIds[0] }, data: { state: 'running', attempts: 1 } });
    await db.trial.update({ where: { id: trialIds[1] }, data: { state: 'queued', attempts: 1 } });
    await expect(deleteSweep(db, sweepId)).rejects.toThrow(/has 1 running trial: cancel it/);
    await db.sweep.update({ where: { id: sweepId }, data: { status: 'cancelled' } });
    const deleted = await deleteSweep(db, sweepId);
    expect(deleted.openTrials.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: trialIds[0], attempts: 1 },
        { id: trialIds[1], attempts: 1 },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect((await leftovers(sweepId, trialIds)).trials).toBe(0);
  });

  it('says not found for an unknown sweep', async () => {
    await expect(deleteSweep(db, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('setSweepArchived', () => {
  it('takes a sweep out of the default list and back', async () => {
    const { sweepId } = await populatedSweep('finished');
    const ids = async (filter: 'exclude' | 'only' | 'include') =>
      (await listSweepSummaries(db, 1000, filter)).map((s) => s.id);
    expect(await ids('exclude')).toContain(sweepId);
    const archived = await setSweepArchived(db, sweepId, true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await ids('exclude')).not.toContain(sweepId);
    expect(await ids('only')).toContain(sweepId);
    expect(await ids('include')).toContain(sweepId);
    await setSweepArchived(db, sweepId, false);
    expect(await ids('exclude')).toContain(sweepId);
    expect(await ids('only')).not.toContain(sweepId);
  });

  it('refuses to hide an active sweep', async () => {
    const { sweepId } = await populatedSweep('running');
    await expect(setSweepArchived(db, sweepId, true)).rejects.toThrow(
      /cannot archive a sweep that is running/,
    );
  });
});
