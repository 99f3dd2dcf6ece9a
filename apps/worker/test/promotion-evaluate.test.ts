import { availableParallelism } from 'node:os';
import { materialize, splitDataset, TestSetSealedError, unsealTestSet } from '@sweepwise/data';
import { assertNoTestMetrics } from '@sweepwise/db';
import { train, validateConfig, withParams } from '@sweepwise/engine';
import {
  evaluatePromotion,
  loadDataset,
  loadTrialDataset,
  retrainEpochs,
  sweepSplit,
  type SweepSplit,
} from '@sweepwise/runners';
import { beforeAll, describe, expect, it } from 'vitest';
import { completedTrial, IRIS_BASE, promotionOf, REGRESSION_BASE } from './promotion-fixtures.js';

let irisSplit: SweepSplit;
let irisTrial: Awaited<ReturnType<typeof completedTrial>>;

beforeAll(async () => {
  irisSplit = sweepSplit(IRIS_BASE);
  irisTrial = await completedTrial(IRIS_BASE, { 'optimizer.lr': 0.03 }, 'val_acc');
});

describe('sweepSplit', () => {
  it('describes the split of the base config by sizes and a hash, stable and seed-dependent', () => {
    expect(irisSplit).toMatchObject({
      dataset: 'iris',
      n: 150,
      seed: 7,
      sizes: { train: 90, validation: 30, test: 30 },
    });
    expect(irisSplit.testHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sweepSplit(IRIS_BASE)).toEqual(irisSplit);
    // 30 validation samples: the dashboard warns that differences between trials may be noise.
    expect(irisSplit.warnings.map((w) => w.code)).toEqual(['small_validation']);
    expect(sweepSplit(withParams(IRIS_BASE, { 'dataset.split.seed': 8 })).testHash).not.toBe(
      irisSplit.testHash,
    );
  });
});

describe('evaluatePromotion', () => {
  it('gives the same numbers when repeated with the same seed', async () => {
    const promotion = promotionOf(IRIS_BASE, irisSplit, irisTrial);
    const first = await evaluatePromotion(promotion);
    const again = await evaluatePromotion(promotion);
    expect(again).toEqual(first);
    expect(first.splitHash).toBe(irisSplit.testHash);
    expect(first.epochs).toBe(irisTrial.metrics.bestEpoch);
    const metrics = first.metrics as Record<string, unknown> & {
      confusion: number[][];
      perClass: { precision: number; recall: number; f1: number; support: number }[];
    };
    expect(metrics.task).toBe('classification');
    expect(metrics.n).toBe(irisSplit.sizes.test);
    expect(metrics.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(metrics.perClass.map((c) => c.support)).toEqual([10, 10, 10]);
    expect(metrics.confusion.flat().reduce((a, b) => a + b, 0)).toBe(irisSplit.sizes.test);
    const diagonal = metrics.confusion.reduce((sum, row, c) => sum + row[c], 0);
    expect(metrics.accuracy).toBe(diagonal / irisSplit.sizes.test);
    expect(typeof metrics.loss).toBe('number');
    expect(metrics.validation).toEqual({ metric: 'val_acc', value: irisTrial.value });
  });

  it('retrains for the chosen epochs on the chosen data, and other choices give other models', async () => {
    const onTrain = await evaluatePromotion(
      promotionOf(IRIS_BASE, irisSplit, irisTrial, { trainOn: 'train', epochs: 'trial' }),
    );
    expect(onTrain.epochs).toBe(irisTrial.metrics.epochs);
    expect(onTrain.config).toMatchObject({
      epochs: irisTrial.metrics.epochs,
      earlyStopping: { metric: 'train_loss', patience: null },
      optimizer: { lr: 0.03 },
    });
    const onAll = await evaluatePromotion(
      promotionOf(IRIS_BASE, irisSplit, irisTrial, {
        trainOn: 'train+validation',
        epochs: 'trial',
      }),
    );
    expect((onAll.metrics as { loss: number }).loss).not.toBe(
      (onTrain.metrics as { loss: number }).loss,
    );
  });

  it('reports MSE, MAE and R^2 for regression, and compares val_loss with the test loss', async () => {
    const split = sweepSplit(REGRESSION_BASE);
    const trial = await completedTrial(REGRESSION_BASE, {}, 'val_loss');
    const result = await evaluatePromotion(
      promotionOf(REGRESSION_BASE, split, trial, { objectiveMetric: 'val_loss', epochs: 'trial' }),
    );
    const metrics = result.metrics as Record<string, unknown>;
    expect(metrics).toMatchObject({ task: 'regression', n: split.sizes.test });
    for (const key of ['mse', 'mae', 'r2', 'loss']) expect(typeof metrics[key]).toBe('number');
    expect(metrics.loss).toBeCloseTo(metrics.mse as number, 5);
    expect(metrics.validation).toEqual({ metric: 'val_loss', value: trial.value });
  });

  it('warns when the validation score is far above the test score, and only then', async () => {
    const honest = await evaluatePromotion(
      promotionOf(IRIS_BASE, irisSplit, irisTrial, { epochs: 'trial' }),
    );
    const testLoss = (honest.metrics as { loss: number }).loss;
    const claiming = (valLoss: number) =>
      evaluatePromotion(
        promotionOf(
          IRIS_BASE,
          irisSplit,
          { ...irisTrial, value: valLoss },
          { objectiveMetric: 'val_loss', epochs: 'trial' },
        ),
      ).then((r) => (r.metrics as { warnings: { code: string }[] }).warnings.map((w) => w.code));
    expect(await claiming(testLoss / 2)).toEqual(['over_tuned_validation']);
    expect(await claiming(testLoss)).toEqual([]);
  });

  it('retrains a trial of a parallel config on threads, on every core when the model stays the same', async () => {
    const parallel = { ...irisTrial, params: { ...irisTrial.params, 'parallel.workers': 2 } };
    const wide = await evaluatePromotion(promotionOf(IRIS_BASE, irisSplit, parallel));
    const cores = Math.min(availableParallelism(), IRIS_BASE.batchSize);
    expect(wide.config).toMatchObject({ parallel: { workers: Math.max(2, cores), mode: 'sync' } });
    expect((wide.metrics as { n: number }).n).toBe(irisSplit.sizes.test);
    // HOGWILD trains another model on more workers: its retrain keeps the trial's 1 worker.
    const async = { ...irisTrial, params: { ...irisTrial.params, 'parallel.mode': 'async' } };
    const kept = await evaluatePromotion(promotionOf(IRIS_BASE, irisSplit, async));
    expect(kept.config).toMatchObject({ parallel: { workers: 1, mode: 'async' } });
  });

  it('refuses a split whose test hash does not match the sweep', async () => {
    const tampered = { ...irisSplit, testHash: 'f'.repeat(64) };
    await expect(evaluatePromotion(promotionOf(IRIS_BASE, tampered, irisTrial))).rejects.toThrow(
      /split\.testHash: the re-created split holds out other samples/,
    );
  });

  it('refuses a trial that trained on another split than the sweep fixed', async () => {
    const otherSeed = withParams(IRIS_BASE, { 'dataset.split.seed': 8 });
    await expect(evaluatePromotion(promotionOf(otherSeed, irisSplit, irisTrial))).rejects.toThrow(
      /split: the trial's dataset.split .* is not the split the sweep fixed/,
    );
  });

  it('refuses external-command sweeps and trials without the chosen epoch count', async () => {
    const command = promotionOf(IRIS_BASE, irisSplit, irisTrial);
    command.sweep.spec = {
      ...(command.sweep.spec as object),
      workload: { command: { program: 'python3', args: [] } },
    };
    await expect(evaluatePromotion(command)).rejects.toThrow(/only sweeps of the built-in engine/);
    const noBest = { ...irisTrial, metrics: { ...irisTrial.metrics, bestEpoch: 0 } };
    expect(() => retrainEpochs({ number: 4, metrics: noBest.metrics }, 'early-stopping')).toThrow(
      /epochs: trial 4 recorded no bestEpoch/,
    );
  });
});

describe('a trial run cannot read the test split', () => {
  const ds = loadDataset({ name: 'iris' });
  const split = splitDataset(ds, IRIS_BASE.dataset.split);

  it('hands training a split whose test part holds no readable index', () => {
    expect(Object.values(split.test)).toEqual([split.test.size]);
    expect(() => JSON.stringify(split)).toThrow(TestSetSealedError);
    expect(() => [...(split.test as unknown as Iterable<number>)]).toThrow(TestSetSealedError);
    expect(() => materialize(ds, split.test as unknown as Int32Array)).toThrow(TestSetSealedError);
    expect(structuredClone(split.test)).toEqual({ size: split.test.size });
  });

  it('refuses to unseal the test set without a promotion', () => {
    const noPromotion = { sweepId: 'sweep-1', trialId: 'trial-1' } as never;
    expect(() => unsealTestSet(split, noPromotion)).toThrow(/promotion\.sequence/);
    expect(() => unsealTestSet(split, {} as never)).toThrow(/promotion\.sweepId/);
  });

  it('reports only training and validation metrics from a trial run', async () => {
    const reported: Record<string, unknown>[] = [];
    const config = validateConfig(IRIS_BASE);
    const result = await train(config, loadTrialDataset(config), {
      onEpoch: (m) => void reported.push({ ...m }),
    });
    expect(reported.length).toBe(result.epochs);
    for (const m of reported) expect(() => assertNoTestMetrics(m)).not.toThrow();
    expect(() => assertNoTestMetrics({ ...result })).not.toThrow();
  });
});
