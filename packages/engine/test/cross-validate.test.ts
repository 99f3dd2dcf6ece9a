import {
  developmentIndices,
  fitStandardizer,
  kFold,
  materialize,
  splitDataset,
} from '@sweepwise/data';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  fitArrays,
  retrainOnDevelopment,
  validateConfig,
  type EpochMetrics,
  type TrainResult,
} from '../src/index.js';
import { datasetOf, timeless, trainOn } from './helpers.js';

const IRIS_CV = {
  dataset: { name: 'iris', split: { train: 0.6, validation: 0.2, test: 0.2, seed: 3 } },
  model: { hidden: [8] },
  optimizer: { type: 'adam', lr: 0.02 },
  batchSize: 16,
  epochs: 6,
  seed: 5,
  earlyStopping: { patience: null },
  crossValidation: { folds: 4 },
};

/** Each fold trained on its own with fitArrays, exactly as the folds are documented to be made. */
async function independentFolds(config: object): Promise<TrainResult[]> {
  const c = validateConfig(config);
  const ds = datasetOf(c);
  const split = splitDataset(ds, c.dataset.split);
  const { dataset: _d, ...fitConfig } = c;
  const folds = kFold(
    ds,
    c.crossValidation!.folds,
    c.dataset.split.seed,
    c.dataset.split.stratify,
    developmentIndices(split),
  );
  const results: TrainResult[] = [];
  for (const fold of folds) {
    const z = fitStandardizer(ds, fold.train);
    const { result } = await fitArrays({
      config: { ...fitConfig, crossValidation: null },
      classes: ds.classes,
      train: materialize(ds, fold.train, z),
      validation: materialize(ds, fold.validation, z),
    });
    results.push(result);
  }
  return results;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe('cross-validation as the trial objective', () => {
  it('reports each epoch as the mean and std across folds of independently trained folds', async () => {
    const cv = await trainOn(IRIS_CV);
    const folds = await independentFolds(IRIS_CV);
    expect(folds).toHaveLength(4);
    expect(cv.curves).toHaveLength(IRIS_CV.epochs);
    cv.curves.forEach((m, e) => {
      const at = folds.map((f) => f.curves[e]);
      expect(m.epoch).toBe(e + 1);
      expect(m.val_loss).toBeCloseTo(mean(at.map((f) => f.val_loss)), 12);
      expect(m.val_acc).toBeCloseTo(mean(at.map((f) => f.val_acc!)), 12);
      expect(m.train_loss).toBeCloseTo(mean(at.map((f) => f.train_loss)), 12);
      expect(m.val_loss_std).toBeCloseTo(std(at.map((f) => f.val_loss)), 12);
      expect(m.val_acc_std).toBeCloseTo(std(at.map((f) => f.val_acc!)), 12);
    });
    // The folds differ (else the std would say nothing).
    expect(cv.curves[0].val_loss_std).toBeGreaterThan(0);
    // The objective is the mean at the best epoch of the mean val_loss; each fold's value there.
    const best = cv.bestEpoch;
    const bestLoss = Math.min(...cv.curves.map((m) => m.val_loss));
    expect(cv.curves[best - 1].val_loss).toBe(bestLoss);
    expect(cv.metrics.val_loss).toBe(bestLoss);
    expect(cv.folds!.map((f) => f.metrics.val_loss)).toEqual(
      folds.map((f) => f.curves[best - 1].val_loss),
    );
    expect(cv.metrics.val_loss_std).toBeCloseTo(std(cv.folds!.map((f) => f.metrics.val_loss)), 12);
    expect(cv.status).toBe('completed');
  });

  it('is deterministic: a rerun gives the same curves and folds', async () => {
    const a = await trainOn(IRIS_CV);
    const b = await trainOn(IRIS_CV);
    expect(timeless(b.curves)).toEqual(timeless(a.curves));
    expect(b.folds).toEqual(a.folds);
  });

  it('resumes from a checkpoint holding every fold exactly where it stopped', async () => {
    const whole = await trainOn(IRIS_CV);
    let atEpoch3: Uint8Array | null = null;
    const first = await trainOn(IRIS_CV, {
      onEpoch: (m, ctx) => {
        if (m.epoch < 3) return;
        atEpoch3 = ctx.checkpoint();
        return 'stop';
      },
    });
    expect(first.status).toBe('stopped');
    expect(first.curves).toHaveLength(3);
    const seen: EpochMetrics[] = [];
    const resumed = await trainOn(IRIS_CV, {
      resumeFrom: atEpoch3!,
      onEpoch: (m) => void seen.push(m),
    });
    expect(seen.map((m) => m.epoch)).toEqual([4, 5, 6]);
    expect(timeless(resumed.curves)).toEqual(timeless(whole.curves));
    expect(resumed.folds).toEqual(whole.folds);
    expect(resumed.metrics).toEqual(whole.metrics);
  });

  it('lets each fold stop early, counting a stopped fold with the weights it kept', async () => {
    const config = { ...IRIS_CV, epochs: 60, earlyStopping: { patience: 2 } };
    const cv = await trainOn(config);
    const folds = await independentFolds(config);
    const epochs = folds.map((f) => f.epochs);
    // The run lasts as long as its longest fold; the folds did not all stop together.
    expect(cv.epochs).toBe(Math.max(...epochs));
    expect(new Set(epochs).size).toBeGreaterThan(1);
    expect(cv.folds!.map((f) => f.epochs)).toEqual(epochs);
    const last = cv.curves[cv.curves.length - 1];
    const kept = folds.map((f) =>
      f.epochs < cv.epochs ? f.metrics.val_loss : f.curves[cv.epochs - 1].val_loss,
    );
    expect(last.val_loss).toBeCloseTo(mean(kept), 12);
    const allStopped = folds.every((f) => f.status === 'early_stopped');
    expect(cv.status).toBe(allStopped ? 'early_stopped' : 'completed');
  });

  it('refuses folds outside 2..development samples, naming the field', async () => {
    expect(() => validateConfig({ ...IRIS_CV, crossValidation: { folds: 1 } })).toThrow(
      /crossValidation\.folds must be an integer in 2\.\.100, got 1/,
    );
    expect(() => validateConfig({ ...IRIS_CV, crossValidation: { folds: 2.5 } })).toThrow(
      ConfigError,
    );
    expect(() => validateConfig({ ...IRIS_CV, crossValidation: { k: 3 } })).toThrow(
      /crossValidation\.k is not a known field/,
    );
    // A subset of 60 Iris samples, 48 of them outside the 20% test part.
    const tooMany = trainOn({
      ...IRIS_CV,
      dataset: { ...IRIS_CV.dataset, n: 60 },
      crossValidation: { folds: 49 },
    });
    await expect(tooMany).rejects.toMatchObject({
      name: 'ConfigError',
      field: 'crossValidation.folds',
    });
    await expect(tooMany).rejects.toThrow(/<= the 48 development samples/);
  });

  it('retrains a cross-validated config as one model on the whole development pool', async () => {
    const fit = await retrainOnDevelopment(IRIS_CV, datasetOf(IRIS_CV), { epochs: 3 });
    expect(fit.result.epochs).toBe(3);
    expect(fit.result.folds).toBeUndefined();
    expect(fit.split.train.length + fit.split.validation.length).toBe(120);
  });

  it('is not a plain fit: fitArrays refuses a cross-validation config', async () => {
    const { dataset: _d, ...config } = validateConfig(IRIS_CV);
    await expect(
      fitArrays({
        config,
        classes: 3,
        train: { x: new Float32Array(4), y: new Float32Array(1), n: 1, features: 4 },
      }),
    ).rejects.toMatchObject({ field: 'crossValidation' });
  });
});

describe('cross-validated wall_s', () => {
  it("counts training time, not the time onEpoch's caller takes to answer", async () => {
    // A clock that moves 1 ms per reading, and 1000 ms more while each onEpoch call runs.
    let ms = 0;
    const walls: number[] = [];
    const result = await trainOn(IRIS_CV, {
      now: () => (ms += 1),
      onEpoch: (m) => {
        ms += 1000;
        walls.push(m.wall_s);
      },
    });
    expect(walls).toHaveLength(IRIS_CV.epochs);
    walls.forEach((w, i) => expect(w).toBeLessThan(0.1 * (i + 1)));
    expect(result.wallTimeS).toBeLessThan(IRIS_CV.epochs * 0.1);
    expect(ms).toBeGreaterThan(IRIS_CV.epochs * 1000);
  });
});
