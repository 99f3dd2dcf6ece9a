import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  downsampleLttb,
  estimateParameterImportance,
  findSweepSummary,
  getParameterImportance,
  getTrialDetail,
  listBestTrials,
  listStopDecisions,
  listSweepSummaries,
  loadSweepCurves,
  loadSweepUpdates,
  loadTrialComparison,
  loadTrialTable,
  pickCurveTrials,
  seedSyntheticSweep,
  upsertCurvePoints,
  type Db,
} from '../src/index.js';

describe('downsampleLttb', () => {
  it('keeps the first and last points and the peak of a spike', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i);
    const values = steps.map((s) => (s === 500 ? 100 : Math.sin(s / 50)));
    const out = downsampleLttb({ steps, values }, 50);
    expect(out.steps).toHaveLength(50);
    expect(out.steps[0]).toBe(0);
    expect(out.steps[49]).toBe(999);
    expect(out.values).toContain(100);
  });

  it('returns short series unchanged', () => {
    const series = { steps: [0, 1, 2], values: [3, 2, 1] };
    expect(downsampleLttb(series, 50)).toBe(series);
  });
});

describe('estimateParameterImportance', () => {
  it('ranks the parameter that drives the objective first', () => {
    const samples = Array.from({ length: 400 }, (_, i) => {
      const lr = (i * 7919) % 400;
      const noise = (i * 104729) % 400;
      return { params: { lr, noise, opt: i % 2 ? 'a' : 'b' }, value: lr * lr };
    });
    const result = estimateParameterImportance(samples);
    expect(result[0].param).toBe('lr');
    expect(result[0].importance).toBeGreaterThan(0.8);
    expect(result.reduce((a, r) => a + r.importance, 0)).toBeCloseTo(1);
  });

  it('ignores non-finite objectives and needs two samples', () => {
    expect(estimateParameterImportance([{ params: { x: 1 }, value: NaN }])).toEqual([]);
  });
});

describe('dashboard queries on a seeded sweep', () => {
  let db: Db;
  let sweepId: string;
  const name = `dashboard-test-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    db = createDb();
    const sweep = await seedSyntheticSweep(db, {
      name,
      trials: 200,
      pointsPerTrial: 20,
      running: 2,
    });
    sweepId = sweep.id;
  });

  afterAll(async () => {
    await db.sweep.deleteMany({ where: { name } });
    await db.$disconnect();
  });

  it('summarizes progress and the best completed value', async () => {
    const summary = await findSweepSummary(db, sweepId);
    const best = await db.trial.findFirst({
      where: { sweepId, state: 'completed' },
      orderBy: { value: 'asc' },
    });
    expect(summary).toMatchObject({ name, trialsDone: 198, trialsRunning: 2, maxTrials: 200 });
    expect(summary!.bestValue).toBe(best!.value);
    expect((await listSweepSummaries(db)).some((s) => s.id === sweepId)).toBe(true);
    expect(await findSweepSummary(db, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('leaves a NaN objective out of the best value', async () => {
    const trial = await db.trial.findFirstOrThrow({ where: { sweepId, state: 'failed' } });
    await db.$executeRawUnsafe(
      `UPDATE "Trial" SET state = 'completed', value = 'NaN' WHERE id = $1`,
      trial.id,
    );
    const summary = await findSweepSummary(db, sweepId);
    expect(Number.isFinite(summary!.bestValue)).toBe(true);
    await db.trial.update({ where: { id: trial.id }, data: { state: 'failed', value: null } });
  });

  it('leaves an infeasible trial out of every best, and sends bounded metrics as columns', async () => {
    const sweep = await db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
    const [best, second] = await db.trial.findMany({
      where: { sweepId, state: 'completed' },
      orderBy: { value: 'asc' },
      take: 2,
    });
    const bounded = {
      ...(sweep.spec as object),
      constraints: [{ metric: 'latency_ms', max: 2 }],
    };
    await db.sweep.update({ where: { id: sweepId }, data: { spec: bounded } });
    // Every completed trial within the bound but the best one, which reports 5 ms.
    await db.$executeRawUnsafe(
      `UPDATE "Trial" SET metrics = coalesce(metrics, '{}'::jsonb) || jsonb_build_object('latency_ms', CASE WHEN id = $2 THEN 5 ELSE 1 END)
        WHERE "sweepId" = $1 AND state = 'completed'`,
      sweepId,
      best.id,
    );
    try {
      expect((await findSweepSummary(db, sweepId))!.bestValue).toBe(second.value);
      expect((await listBestTrials(db, sweepId, 'minimize', 1))[0].id).toBe(second.id);
      const table = await loadTrialTable(db, sweepId);
      expect(Object.keys(table.metrics)).toEqual(['latency_ms']);
      expect(table.metrics.latency_ms[table.numbers.indexOf(best.number)]).toBe(5);
      expect(table.metrics.latency_ms[table.numbers.indexOf(second.number)]).toBe(1);
      const running = table.states.indexOf('running');
      expect(table.metrics.latency_ms[running]).toBeNull();
      // A metric that is not a number meets no bound.
      await db.$executeRawUnsafe(
        `UPDATE "Trial" SET metrics = metrics || '{"latency_ms": "fast"}'::jsonb WHERE id = $1`,
        second.id,
      );
      expect((await findSweepSummary(db, sweepId))!.bestValue).not.toBe(second.value);
    } finally {
      await db.sweep.update({ where: { id: sweepId }, data: { spec: sweep.spec as object } });
    }
    expect((await findSweepSummary(db, sweepId))!.bestValue).toBe(best.value);
    expect((await loadTrialTable(db, sweepId)).metrics).toEqual({});
  });

  it('sends the trials as columns in number order', async () => {
    const table = await loadTrialTable(db, sweepId);
    expect(table.numbers).toHaveLength(200);
    expect(table.numbers.slice(0, 3)).toEqual([0, 1, 2]);
    expect(table.paramNames.sort()).toEqual([
      'model.dropout',
      'model.hidden.0',
      'optimizer.lr',
      'optimizer.type',
    ]);
    expect(table.params['optimizer.type'].every((v) => typeof v === 'string')).toBe(true);
    expect(table.states.filter((s) => s === 'pruned').length).toBeGreaterThan(40);
  });

  it('draws the best, running and pruned curves, downsampled, with stop reasons', async () => {
    const table = await loadTrialTable(db, sweepId);
    const numbers = pickCurveTrials(table, 'minimize', {
      maxCurves: 30,
      maxPoints: 8,
      bestCurves: 10,
      prunedCurves: 10,
    });
    expect(numbers.length).toBe(30);
    const curves = await loadSweepCurves(db, sweepId, 'val_loss', numbers, { maxPoints: 8 });
    const pruned = curves.filter((c) => c.state === 'pruned');
    expect(pruned.length).toBeGreaterThanOrEqual(10);
    for (const c of pruned) expect(c.stopReason).toMatch(/median rule/);
    expect(curves.every((c) => c.steps.length <= 8)).toBe(true);
    expect(curves.filter((c) => c.state === 'running')).toHaveLength(2);
  });

  it('returns only what changed since the cursor', async () => {
    const first = await loadSweepUpdates(db, sweepId, new Date(0));
    expect(first!.trials.numbers).toHaveLength(200);
    await new Promise((r) => setTimeout(r, 20));
    const after = new Date();
    const trial = await db.trial.findFirstOrThrow({ where: { sweepId, state: 'running' } });
    await db.trial.update({
      where: { id: trial.id },
      data: { heartbeatAt: new Date(Date.now() + 1000) },
    });
    await upsertCurvePoints(db, [{ trialId: trial.id, metric: 'val_loss', step: 99, value: 0.5 }]);
    const next = await loadSweepUpdates(db, sweepId, after);
    expect(next!.trials.numbers).toContain(trial.number);
    expect(next!.trials.numbers.length).toBeLessThan(5);
    const curve = next!.curves.find((c) => c.number === trial.number);
    expect(curve!.steps).toContain(99);
  });

  it('pages the early-stopping log newest first', async () => {
    const page1 = await listStopDecisions(db, sweepId, { limit: 5, decision: 'stop' });
    const page2 = await listStopDecisions(db, sweepId, { limit: 5, before: page1[4].id });
    expect(page1).toHaveLength(5);
    expect(BigInt(page2[0].id)).toBeLessThan(BigInt(page1[4].id));
    expect(page1[0].reason).toMatch(/median/);
  });

  it('caches importance by completed trials and finds the learning rate', async () => {
    const a = await getParameterImportance(db, sweepId);
    const b = await getParameterImportance(db, sweepId);
    expect(b).toBe(a);
    expect(a.importances[0].param).toBe('optimizer.lr');
  });

  it('details a pruned trial and compares two trials', async () => {
    const pruned = await db.trial.findFirstOrThrow({ where: { sweepId, state: 'pruned' } });
    const detail = await getTrialDetail(db, { sweepId, number: pruned.number });
    expect(detail.trial.stopReason).toMatch(/median rule/);
    expect(detail.decisions[0].decision).toBe('stop');
    expect(detail.curves.val_loss.steps.length).toBeGreaterThan(2);
    const both = await loadTrialComparison(db, [{ sweepId, number: 0 }, { id: pruned.id }]);
    expect(both.map((c) => c.trial.number)).toEqual([0, pruned.number]);
    await expect(loadTrialComparison(db, [{ id: pruned.id }])).rejects.toThrow(/trials: compare/);
    await expect(getTrialDetail(db, { sweepId, number: 9999 })).rejects.toMatchObject({
      code: 'P2025',
    });
  });
});
