import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acquireControllerLease,
  allocateTrials,
  claimTrial,
  createDb,
  createSweep,
  CurveBuffer,
  getSweepOrThrow,
  LeaseLostError,
  listSweeps,
  NotFoundError,
  setSweepStatus,
  specOf,
  SweepStateError,
  upsertCurvePoints,
  type StoredSpec,
} from '../src/index.js';

const db = createDb();
const name = `sweep-queries-${randomUUID()}`;

afterAll(async () => {
  await db.sweep.deleteMany({ where: { name } });
  await db.$disconnect();
});

function body(overrides: Partial<StoredSpec> = {}): StoredSpec {
  return {
    name,
    workload: { builtin: { objective: 'quadratic', steps: 2 } },
    metric: { name: 'loss', goal: 'minimize' },
    parameters: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true } },
    algorithm: { type: 'random', seed: 1 },
    stopper: null,
    budget: { maxTrials: 12, maxConcurrentTrials: 4, maxWallTimeS: null },
    ...overrides,
  };
}

describe('createSweep', () => {
  it('stores a sweep as running, its SweepSpec whole in one column', async () => {
    const spec = body({ algorithm: { type: 'random', seed: 3 } });
    const sweep = await createSweep(db, spec);
    expect(sweep).toMatchObject({ status: 'running', name: spec.name });
    expect(sweep.spec).toEqual(spec);
    expect(specOf(sweep).algorithm).toEqual({ type: 'random', seed: 3 });
    expect(sweep.startedAt).toBeInstanceOf(Date);
    const [listed] = (await listSweeps(db)).filter((s) => s.id === sweep.id);
    expect(listed).toMatchObject({ algorithm: 'random', objectiveMetric: 'loss', maxTrials: 12 });
  });
});

describe('sweep status', () => {
  it('pauses, resumes and cancels, and refuses what the status does not allow', async () => {
    const sweep = await createSweep(db, body());
    expect((await setSweepStatus(db, sweep.id, 'pause')).status).toBe('paused');
    await expect(setSweepStatus(db, sweep.id, 'pause')).resolves.toMatchObject({
      status: 'paused',
    });
    expect((await setSweepStatus(db, sweep.id, 'resume')).status).toBe('running');
    expect((await setSweepStatus(db, sweep.id, 'cancel')).status).toBe('cancelled');
    await expect(setSweepStatus(db, sweep.id, 'resume')).rejects.toThrow(SweepStateError);
    await expect(setSweepStatus(db, sweep.id, 'resume')).rejects.toThrow(
      /cannot resume a sweep that is cancelled/,
    );
    await expect(getSweepOrThrow(db, randomUUID())).rejects.toThrow(NotFoundError);
  });
});

describe('controller lease and trial allocation', () => {
  it('gives the lease to exactly one of many concurrent controllers', async () => {
    const sweep = await createSweep(db, body());
    const tokens = Array.from({ length: 8 }, () => randomUUID());
    const won = await Promise.all(
      tokens.map((t) => acquireControllerLease(db, sweep.id, t, 10_000)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('never passes maxTrials and never repeats a number under concurrent allocations', async () => {
    const sweep = await createSweep(db, body());
    const token = randomUUID();
    expect(await acquireControllerLease(db, sweep.id, token, 10_000)).toBe(true);
    const batches = Array.from({ length: 10 }, (_, b) =>
      allocateTrials(
        db,
        sweep.id,
        token,
        [0, 1, 2].map((i) => ({ params: { lr: b + i / 10 }, tunerTrialId: `${b}-${i}` })),
      ),
    );
    const allocated = (await Promise.all(batches)).flat();
    expect(allocated).toHaveLength(12);
    const trials = await db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => t.number)).toEqual([...Array(12).keys()]);
  });

  it('returns the same trials when an allocation is repeated', async () => {
    const sweep = await createSweep(db, body());
    await acquireControllerLease(db, sweep.id, 'c', 10_000);
    const asked = [0, 1].map((i) => ({ params: { lr: i }, tunerTrialId: String(i) }));
    const first = await allocateTrials(db, sweep.id, 'c', asked);
    const again = await allocateTrials(db, sweep.id, 'c', asked);
    expect(again).toEqual(first);
    expect(await db.trial.count({ where: { sweepId: sweep.id } })).toBe(2);
  });

  it('refuses an allocation from a controller whose lease was taken', async () => {
    const sweep = await createSweep(db, body());
    await acquireControllerLease(db, sweep.id, 'old', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await acquireControllerLease(db, sweep.id, 'new', 10_000)).toBe(true);
    await expect(
      allocateTrials(db, sweep.id, 'old', [{ params: {}, tunerTrialId: '0' }]),
    ).rejects.toThrow(LeaseLostError);
    expect(await db.trial.count({ where: { sweepId: sweep.id } })).toBe(0);
  });

  it('lets exactly one worker claim a queued trial', async () => {
    const sweep = await createSweep(db, body());
    await acquireControllerLease(db, sweep.id, 'c', 10_000);
    const [trial] = await allocateTrials(db, sweep.id, 'c', [{ params: {}, tunerTrialId: '0' }]);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimTrial(db, trial!.id, `worker-${i}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)).toMatchObject({ attempts: 1, number: 0, tunerTrialId: '0' });
    const owner = claims.findIndex(Boolean);
    // A claim retried after its answer was lost gets the trial again; an outdated job does not.
    expect(await claimTrial(db, trial!.id, `worker-${owner}`, 1)).toMatchObject({ attempts: 1 });
    expect(await claimTrial(db, trial!.id, `worker-${owner}`, 2)).toBeNull();
  });

  it('does not let a trial of a paused sweep be claimed', async () => {
    const sweep = await createSweep(db, body());
    await acquireControllerLease(db, sweep.id, 'c', 10_000);
    const [trial] = await allocateTrials(db, sweep.id, 'c', [{ params: {}, tunerTrialId: '0' }]);
    await setSweepStatus(db, sweep.id, 'pause');
    expect(await claimTrial(db, trial!.id, 'w')).toBeNull();
  });
});

describe('CurveBuffer', () => {
  it('writes every point once, the latest value of a step winning', async () => {
    const sweep = await createSweep(db, body());
    await acquireControllerLease(db, sweep.id, 'c', 10_000);
    const [trial] = await allocateTrials(db, sweep.id, 'c', [{ params: {}, tunerTrialId: '0' }]);
    const buffer = new CurveBuffer(db, { maxBatchPoints: 7 });
    for (let step = 1; step <= 20; step++) {
      buffer.add([{ trialId: trial!.id, metric: 'loss', step, value: step }]);
    }
    buffer.add([{ trialId: trial!.id, metric: 'loss', step: 20, value: Number.NaN }]);
    await buffer.flush();
    expect(buffer.size).toBe(0);
    const points = await db.curvePoint.findMany({
      where: { trialId: trial!.id },
      orderBy: { step: 'asc' },
    });
    expect(points.map((p) => p.step)).toEqual([...Array(20).keys()].map((i) => i + 1));
    expect(points.at(-1)!.value).toBeNaN();
  });

  it("stores a batch's points of live trials and reports those of a deleted one", async () => {
    const [kept, gone] = (await sweepWithTrials(2)).trials;
    await db.trial.delete({ where: { id: gone!.id } });
    const dropped: number[] = [];
    const buffer = new CurveBuffer(db, { onDrop: (_err, n) => dropped.push(n) });
    buffer.add([
      { trialId: kept!.id, metric: 'loss', step: 1, value: 1 },
      { trialId: gone!.id, metric: 'loss', step: 1, value: 1 },
      { trialId: gone!.id, metric: 'loss', step: 2, value: 0.5 },
      { trialId: kept!.id, metric: 'loss', step: 2, value: 0.5 },
    ]);
    await buffer.flush();
    expect(dropped).toEqual([2]);
    expect(await db.curvePoint.count({ where: { trialId: kept!.id } })).toBe(2);
    expect(await db.curvePoint.count({ where: { trialId: gone!.id } })).toBe(0);
  });
});

/** A started sweep with `n` queued trials, allocated by controller 'c'. */
async function sweepWithTrials(n: number) {
  const sweep = await createSweep(db, body());
  await acquireControllerLease(db, sweep.id, 'c', 10_000);
  const asked = Array.from({ length: n }, (_, i) => ({ params: {}, tunerTrialId: String(i) }));
  return { sweep, trials: await allocateTrials(db, sweep.id, 'c', asked) };
}

describe('curve points and their trials (no per-row foreign key)', () => {
  const orphans = async () => {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "CurvePoint" p
      WHERE NOT EXISTS (SELECT 1 FROM "Trial" t WHERE t.id = p."trialId")`;
    return row!.n;
  };

  it('deletes the points of deleted trials, and of a deleted sweep', async () => {
    const { sweep, trials } = await sweepWithTrials(3);
    const points = trials.flatMap((t) =>
      [1, 2, 3].map((step) => ({ trialId: t.id, metric: 'loss', step, value: step })),
    );
    expect(await upsertCurvePoints(db, points)).toBe(9);
    await db.trial.delete({ where: { id: trials[0]!.id } });
    expect(await db.curvePoint.count({ where: { trialId: trials[0]!.id } })).toBe(0);
    expect(await db.curvePoint.count({ where: { trialId: trials[1]!.id } })).toBe(3);
    await db.sweep.delete({ where: { id: sweep.id } });
    expect(await db.curvePoint.count({ where: { trialId: { in: trials.map((t) => t.id) } } })).toBe(
      0,
    );
    expect(await orphans()).toBe(0);
  });

  it('leaves no orphan point when trials are deleted while their points are written', async () => {
    const { sweep, trials } = await sweepWithTrials(12);
    // Each round writes a step of every trial while one trial is deleted, racing the write.
    const writes = Array.from({ length: 12 }, async (_, step) => {
      const batch = trials.map((t) => ({ trialId: t.id, metric: 'loss', step, value: step }));
      await Promise.all([
        upsertCurvePoints(db, batch),
        db.trial.delete({ where: { id: trials[step]!.id } }),
      ]);
    });
    await Promise.all(writes);
    expect(await db.trial.count({ where: { sweepId: sweep.id } })).toBe(0);
    expect(await orphans()).toBe(0);
  });
});
