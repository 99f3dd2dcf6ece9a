import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertNoTestMetrics,
  createDb,
  listTestEvaluations,
  pickBestTrial,
  PromotionClaimLostError,
  PromotionError,
  type PromotionRefusal,
  requestPromotion,
  TestMetricLeakError,
  type Db,
  type Promotion,
  type PromotionEvaluator,
} from '../src/index.js';

const TEST_HASH = 'a'.repeat(64);
const SPLIT = {
  dataset: 'iris',
  n: 150,
  seed: 1,
  fractions: { train: 0.6, validation: 0.2, test: 0.2 },
  stratify: true,
  sizes: { train: 90, validation: 30, test: 30 },
  testHash: TEST_HASH,
};

let db: Db;
let other: Db;
const sweepIds: string[] = [];

beforeAll(() => {
  db = createDb();
  // A second client with its own pool, like a second web or worker process.
  other = createDb();
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: sweepIds } } });
  await Promise.all([db.$disconnect(), other.$disconnect()]);
});

/** A sweep of iris trials: values by trial number, completed unless given another state. */
async function seedSweep(
  values: (number | null)[],
  options: { split?: typeof SPLIT | null; states?: ('completed' | 'pruned' | 'running')[] } = {},
) {
  const name = `promotions-test-${process.pid}-${Date.now()}`;
  const sweep = await db.sweep.create({
    data: {
      name,
      spec: {
        name,
        workload: { engine: { dataset: { name: 'iris' }, epochs: 5 } },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: { 'optimizer.lr': { type: 'float', low: 1e-4, high: 1e-1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials: values.length, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: 'finished',
      ...(options.split === null ? {} : { split: options.split ?? SPLIT }),
    },
  });
  sweepIds.push(sweep.id);
  const trials = [];
  for (const [number, value] of values.entries()) {
    trials.push(
      await db.trial.create({
        data: {
          sweepId: sweep.id,
          number,
          params: { 'optimizer.lr': 0.01 * (number + 1) },
          state: options.states?.[number] ?? 'completed',
          value,
          metrics: value === null ? undefined : { val_acc: value, val_loss: 1 - value, epochs: 5 },
        },
      }),
    );
  }
  return { sweep, trials };
}

/** Stands in for the worker's retrain: records each call, answers after a pause. */
function countingEvaluator(pauseMs = 0, splitHash = TEST_HASH) {
  const calls: Promotion[] = [];
  const evaluate: PromotionEvaluator = async (promotion) => {
    calls.push(promotion);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return {
      config: { params: promotion.trial.params as Record<string, number> },
      metrics: { accuracy: 0.9, loss: 0.3 },
      splitHash,
      epochs: 5,
    };
  };
  return { calls, evaluate };
}

describe('the test-metric guard', () => {
  it('refuses test metrics in trial metrics, nested metrics and curve metric names', () => {
    expect(() => assertNoTestMetrics({ val_loss: 0.2, test_acc: 0.9 })).toThrow(
      TestMetricLeakError,
    );
    expect(() => assertNoTestMetrics({ folds: { 'test.loss': 1 } })).toThrow(
      /metrics\.folds\.test\.loss/,
    );
    expect(() => assertNoTestMetrics(['val_loss', 'TEST/f1'], 'curve')).toThrow(/curve\.TEST\/f1/);
  });

  it('lets training and validation metrics through', () => {
    expect(() =>
      assertNoTestMetrics({
        val_loss: 0.2,
        train_loss: 0.1,
        testing_note: 1,
        epochs: 3,
        curve: [1, 2],
      }),
    ).not.toThrow();
    expect(() => assertNoTestMetrics(null)).not.toThrow();
  });

  it('shows no test evaluation and no test metric of a fresh sweep', async () => {
    const { sweep } = await seedSweep([0.8, 0.9]);
    const listed = await listTestEvaluations(db, sweep.id);
    expect(listed.evaluations).toEqual([]);
    expect(listed.uses).toBe(0);
    expect(listed.warning).toBeNull();
    const trials = await db.trial.findMany({ where: { sweepId: sweep.id } });
    for (const trial of trials)
      expect(() => assertNoTestMetrics(trial.metrics as Record<string, unknown>)).not.toThrow();
  });
});

describe('pickBestTrial', () => {
  it('follows the direction, skips NaN and null, and breaks ties by the lower number', () => {
    const trials = [
      { number: 0, value: 0.5 },
      { number: 1, value: Number.NaN },
      { number: 2, value: 0.9 },
      { number: 3, value: null },
      { number: 4, value: 0.9 },
      { number: 5, value: 0.1 },
    ];
    expect(pickBestTrial(trials, 'maximize')?.number).toBe(2);
    expect(pickBestTrial(trials, 'minimize')?.number).toBe(5);
    expect(pickBestTrial([{ number: 0, value: Number.NaN }], 'minimize')).toBeUndefined();
  });

  it('never picks a trial outside the bounds, or one missing a bounded metric', () => {
    const trials = [
      { number: 0, value: 0.99, metrics: { model_bytes: 70_000, val_acc: 0.99 } },
      { number: 1, value: 0.95, metrics: { val_acc: 0.95 } },
      { number: 2, value: 0.9, metrics: { model_bytes: 60_000, val_acc: 0.9 } },
      { number: 3, value: 0.7, metrics: { model_bytes: 1_000, val_acc: 0.7 } },
    ];
    const small = [{ metric: 'model_bytes', max: 65_536 }];
    expect(pickBestTrial(trials, 'maximize', small)?.number).toBe(2);
    expect(
      pickBestTrial(trials, 'minimize', [...small, { metric: 'val_acc', min: 0.8 }])?.number,
    ).toBe(2);
    expect(pickBestTrial(trials, 'maximize', [{ metric: 'model_bytes', max: 10 }])).toBeUndefined();
  });
});

describe('requestPromotion', () => {
  it('gives exactly one evaluation when the same promote request arrives twice at once', async () => {
    const { sweep, trials } = await seedSweep([0.8, 0.95, 0.9]);
    const { calls, evaluate } = countingEvaluator(300);
    const request = { sweepId: sweep.id, trainOn: 'train+validation' as const, requestedBy: 'ana' };
    const [a, b] = await Promise.all([
      requestPromotion(db, request, evaluate),
      requestPromotion(other, request, evaluate),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].trial.id).toBe(trials[1].id); // the best by val_acc, maximized
    expect(calls[0].sequence).toBe(1);
    expect(a.evaluation.id).toBe(b.evaluation.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const rows = await db.testEvaluation.findMany({ where: { sweepId: sweep.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      trialId: trials[1].id,
      sequence: 1,
      splitHash: TEST_HASH,
      trainedOn: 'train+validation',
      epochs: 5,
      requestedBy: 'ana',
      metrics: { accuracy: 0.9, loss: 0.3 },
    });
  });

  it('counts a second promotion of another trial and warns about choosing by test score', async () => {
    const { sweep, trials } = await seedSweep([0.8, 0.95, 0.9]);
    const { calls, evaluate } = countingEvaluator();
    await requestPromotion(db, { sweepId: sweep.id, requestedBy: 'ana' }, evaluate);
    const again = await requestPromotion(
      db,
      {
        sweepId: sweep.id,
        trialId: trials[2].id,
        trainOn: 'train',
        epochs: 'trial',
        requestedBy: 'bo',
      },
      evaluate,
    );
    expect(again.created).toBe(true);
    expect(again.evaluation).toMatchObject({
      sequence: 2,
      trialId: trials[2].id,
      trainedOn: 'train',
    });
    expect(calls.map((c) => [c.sequence, c.trainOn, c.epochs])).toEqual([
      [1, 'train+validation', 'early-stopping'],
      [2, 'train', 'trial'],
    ]);
    const listed = await listTestEvaluations(db, sweep.id);
    expect(listed.uses).toBe(2);
    expect(listed.evaluations.map((e) => e.sequence)).toEqual([1, 2]);
    expect(listed.warning).toMatch(/test set used 2 times in this sweep/i);
    expect(listed.warning).toMatch(/overfitting the test set/);
  });

  it('returns the stored evaluation when a promoted trial is promoted again, without evaluating', async () => {
    const { sweep, trials } = await seedSweep([0.8]);
    const { calls, evaluate } = countingEvaluator();
    const first = await requestPromotion(
      db,
      { sweepId: sweep.id, trialId: trials[0].id, requestedBy: 'ana' },
      evaluate,
    );
    const second = await requestPromotion(db, { sweepId: sweep.id, requestedBy: 'bo' }, evaluate);
    expect(calls).toHaveLength(1);
    expect(second).toEqual({ evaluation: first.evaluation, created: false });
  });

  it('refuses sweeps that are still searching', async () => {
    const { sweep } = await seedSweep([0.8]);
    const { calls, evaluate } = countingEvaluator();
    for (const status of ['draft', 'running', 'paused'] as const) {
      await db.sweep.update({ where: { id: sweep.id }, data: { status } });
      await expect(
        requestPromotion(db, { sweepId: sweep.id, requestedBy: 'ana' }, evaluate),
      ).rejects.toThrow(`sweepId: the sweep is ${status}: promote once it has ended`);
    }
    await db.sweep.update({ where: { id: sweep.id }, data: { status: 'cancelled' } });
    await requestPromotion(db, { sweepId: sweep.id, requestedBy: 'ana' }, evaluate);
    expect(calls).toHaveLength(1);
  });

  it('refuses trials that are not completed, trials of other sweeps, and sweeps without a split', async () => {
    const { sweep, trials } = await seedSweep([0.8, null], { states: ['completed', 'running'] });
    const { sweep: noSplit } = await seedSweep([0.8], { split: null });
    const { trials: foreign } = await seedSweep([0.8]);
    const { calls, evaluate } = countingEvaluator();
    await expect(
      requestPromotion(
        db,
        { sweepId: sweep.id, trialId: trials[1].id, requestedBy: 'ana' },
        evaluate,
      ),
    ).rejects.toThrow(/trialId: only a completed trial can be promoted, trial 1 is running/);
    await expect(
      requestPromotion(
        db,
        { sweepId: sweep.id, trialId: foreign[0].id, requestedBy: 'ana' },
        evaluate,
      ),
    ).rejects.toThrow(/trial .* not found/);
    await expect(
      requestPromotion(db, { sweepId: noSplit.id, requestedBy: 'ana' }, evaluate),
    ).rejects.toThrow(PromotionError);
    await expect(
      requestPromotion(db, { sweepId: sweep.id, requestedBy: ' ' }, evaluate),
    ).rejects.toThrow(/requestedBy/);
    expect(calls).toHaveLength(0);
  });

  it('refuses a trial the given rule refuses, naming trialId, before evaluating', async () => {
    const { sweep, trials } = await seedSweep([0.8, 0.9, 0.7]);
    const { calls, evaluate } = countingEvaluator();
    const seen: number[][] = [];
    const refuse: PromotionRefusal = (s, trial, completed) => {
      seen.push(completed.map((t) => t.number).sort());
      expect(s.id).toBe(sweep.id);
      return trial.number === 1 ? 'trial 1 is not on the Pareto front' : null;
    };
    const request = { sweepId: sweep.id, requestedBy: 'ana' };
    // The default target is the best trial, 1: refused too.
    for (const trialId of [trials[1].id, undefined]) {
      const refused = requestPromotion(db, { ...request, trialId }, evaluate, { refuse });
      await expect(refused).rejects.toThrow('trialId: trial 1 is not on the Pareto front');
      await expect(refused).rejects.toMatchObject({ field: 'trialId' });
    }
    expect(calls).toHaveLength(0);
    await requestPromotion(db, { ...request, trialId: trials[2].id }, evaluate, { refuse });
    expect(calls.map((c) => c.trial.number)).toEqual([2]);
    expect(seen.at(-1)).toEqual([0, 1, 2]);
  });

  it('stores nothing when the evaluation used another split or failed, and the next try is use 1', async () => {
    const { sweep } = await seedSweep([0.8]);
    const wrongSplit = countingEvaluator(0, 'b'.repeat(64));
    await expect(
      requestPromotion(db, { sweepId: sweep.id, requestedBy: 'ana' }, wrongSplit.evaluate),
    ).rejects.toThrow(/split: the evaluation used test split b+, but the sweep fixed a+/);
    const failing: PromotionEvaluator = () => Promise.reject(new Error('retrain diverged'));
    await expect(
      requestPromotion(db, { sweepId: sweep.id, requestedBy: 'ana' }, failing),
    ).rejects.toThrow('retrain diverged');
    expect(await db.testEvaluation.count({ where: { sweepId: sweep.id } })).toBe(0);
    const ok = countingEvaluator();
    const outcome = await requestPromotion(
      db,
      { sweepId: sweep.id, requestedBy: 'ana' },
      ok.evaluate,
    );
    expect(outcome.evaluation.sequence).toBe(1);
  });

  it("takes over a claim whose holder stopped renewing it, and stores only the new holder's evaluation", async () => {
    const { sweep, trials } = await seedSweep([0.8]);
    const request = { sweepId: sweep.id, trialId: trials[0].id, requestedBy: 'ana' };
    const late = countingEvaluator();
    const first = requestPromotion(
      db,
      request,
      async (promotion) => {
        // As if this process had hung past its lease: another one takes the claim over.
        await db.promotionClaim.update({
          where: { trialId: trials[0].id },
          data: { leaseUntil: new Date(0) },
        });
        const second = await requestPromotion(other, request, countingEvaluator().evaluate);
        expect(second).toMatchObject({ created: true, evaluation: { sequence: 1 } });
        return late.evaluate(promotion);
      },
      { leaseMs: 60_000 },
    );
    await expect(first).rejects.toBeInstanceOf(PromotionClaimLostError);
    expect(late.calls).toHaveLength(1);
    const rows = await db.testEvaluation.findMany({ where: { sweepId: sweep.id } });
    expect(rows).toHaveLength(1);
    const claim = await db.promotionClaim.findUniqueOrThrow({ where: { trialId: trials[0].id } });
    expect(claim).toMatchObject({ sequence: 1, evaluationId: rows[0].id });
  });
});
