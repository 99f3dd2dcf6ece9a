import { describe, expect, it } from 'vitest';
import {
  OPTIMIZER_TYPES,
  evaluateModel,
  fitArrays,
  scoreSamples,
  setSimdEnabled,
  type FitOptions,
} from '../src/index.js';
import { decodeCheckpoint } from '../src/checkpoint.js';
import { blobs, fitConfig, timeless } from './helpers.js';

const train = blobs(240, 1);
const validation = blobs(90, 2);

function options(config: object, extra: Partial<FitOptions> = {}): FitOptions {
  return { config: fitConfig(config), classes: 3, train, validation, ...extra };
}

const RICH = {
  model: { hidden: [12, 8], dropout: 0.2, batchNorm: true },
  optimizer: { type: 'adam', lr: 0.01 },
  schedule: {
    type: 'reduce_on_plateau',
    patience: 0,
    threshold: 0.2,
    factor: 0.5,
    warmupEpochs: 2,
  },
  regularization: { l1: 1e-4, l2: 1e-3 },
  clipNorm: 1,
  batchSize: 32,
  epochs: 10,
  earlyStopping: { patience: null },
};

describe('fitArrays', () => {
  it('learns separable blobs', async () => {
    const { result, model } = await fitArrays(
      options({ model: { hidden: [16] }, epochs: 15, batchSize: 16 }),
    );
    expect(result.status).toBe('completed');
    expect(result.metrics.val_acc).toBeGreaterThan(0.9);
    expect(result.paramCount).toBe(4 * 16 + 16 + 16 * 3 + 3);
    const evaluation = evaluateModel(model, validation);
    expect(evaluation.task).toBe('classification');
    if (evaluation.task === 'classification') {
      expect(evaluation.accuracy).toBeCloseTo(result.metrics.val_acc!, 12);
      expect(evaluation.confusion.flat().reduce((a, b) => a + b)).toBe(90);
    }
  });

  it('is bit-identical for the same seed and differs for another', async () => {
    const a = await fitArrays(options(RICH));
    const b = await fitArrays(options(RICH));
    const c = await fitArrays(options({ ...RICH, seed: 2 }));
    expect(timeless(a.result.curves)).toEqual(timeless(b.result.curves));
    expect(timeless(c.result.curves)).not.toEqual(timeless(a.result.curves));
  });

  it('resumes from a checkpoint exactly: 10 epochs straight equal 5, checkpoint, 5 more', async () => {
    const straight = await fitArrays(options(RICH));
    let saved: Uint8Array | undefined;
    const first = await fitArrays(
      options(
        { ...RICH, epochs: 5 },
        {
          onEpoch: (m, ctx) => {
            if (m.epoch === 5) saved = ctx.checkpoint();
          },
        },
      ),
    );
    expect(first.result.epochs).toBe(5);
    const resumed = await fitArrays(options(RICH, { resumeFrom: saved }));
    expect(resumed.result.epochs).toBe(10);
    expect(timeless(resumed.result.curves)).toEqual(timeless(straight.result.curves));
    expect(resumed.result.bestEpoch).toBe(straight.result.bestEpoch);
    expect(resumed.model.network.state).toEqual(straight.model.network.state);
  });

  it('stops early after `patience` epochs without improvement and restores the best weights', async () => {
    const { result, model } = await fitArrays(
      options({ optimizer: { type: 'sgd', lr: 2 }, epochs: 60, earlyStopping: { patience: 3 } }),
    );
    expect(result.status).toBe('early_stopped');
    expect(result.epochs).toBe(result.bestEpoch + 3);
    expect(result.stopReason).toMatch(/val_loss for 3 epochs/);
    const best = result.curves[result.bestEpoch - 1];
    expect(Math.min(...result.curves.map((m) => m.val_loss))).toBe(best.val_loss);
    expect(scoreSamples(model, validation).loss).toBeCloseTo(best.val_loss, 6);
    expect(result.metrics.val_loss).toBe(best.val_loss);
  });

  it('ends as diverged, with epoch and step, when the loss becomes non-finite', async () => {
    const x = new Float32Array(64).map((_, i) => i);
    const y = new Float32Array(64).map((_, i) => 1e3 * i);
    const data = { x, y, n: 64, features: 1 };
    const { result } = await fitArrays({
      config: fitConfig({
        dataset: { name: 'cars' },
        optimizer: { type: 'sgd', lr: 10 },
        batchSize: 8,
      }),
      classes: 0,
      train: data,
      validation: data,
    });
    expect(result.status).toBe('diverged');
    expect(result.divergedAt!.epoch).toBe(1);
    expect(result.divergedAt!.step).toBeGreaterThan(1);
    expect(result.curves).toHaveLength(0);
    expect(result.bestEpoch).toBe(0);
  });

  it("counts training time in wall_s, not the time onEpoch's caller takes to answer", async () => {
    // A clock that moves 1 ms per reading, and 1000 ms more while each onEpoch call runs.
    let ms = 0;
    const now = () => (ms += 1);
    const seen: { wall: number; checkpointWall: number }[] = [];
    const { result } = await fitArrays(
      options(
        { epochs: 3 },
        {
          now,
          onEpoch: (m, ctx) => {
            ms += 1000;
            seen.push({
              wall: m.wall_s,
              checkpointWall: decodeCheckpoint(ctx.checkpoint()).wallTimeS,
            });
          },
        },
      ),
    );
    for (const [i, s] of seen.entries()) {
      // Readings only: a few ms per epoch, never the 1000 ms waits before it.
      expect(s.wall).toBeLessThan(0.1 * (i + 1));
      // A checkpoint taken during the wait does not count it either: a resumed run goes on from there.
      expect(s.checkpointWall).toBeLessThan(0.1 * (i + 1));
    }
    expect(result.wallTimeS).toBeLessThan(0.3);
    expect(ms).toBeGreaterThan(3000);
  });

  it('stops when onEpoch answers stop, and when the signal aborts', async () => {
    const byCallback = await fitArrays(
      options({ epochs: 10 }, { onEpoch: (m) => (m.epoch === 2 ? 'stop' : undefined) }),
    );
    expect(byCallback.result).toMatchObject({
      status: 'stopped',
      epochs: 2,
      stopReason: 'stopped by onEpoch',
    });
    const controller = new AbortController();
    const bySignal = await fitArrays(
      options({ epochs: 10 }, { signal: controller.signal, onEpoch: () => controller.abort() }),
    );
    expect(bySignal.result).toMatchObject({
      status: 'stopped',
      epochs: 1,
      stopReason: 'aborted by signal',
    });
  });

  it('fits without a validation set when early stopping watches train_loss', async () => {
    const { result } = await fitArrays({
      config: fitConfig({ epochs: 3, earlyStopping: { metric: 'train_loss', patience: null } }),
      classes: 3,
      train,
    });
    expect(result.status).toBe('completed');
    expect(result.curves.every((m) => Number.isNaN(m.val_loss))).toBe(true);
    await expect(
      fitArrays({ config: fitConfig({ epochs: 1 }), classes: 3, train }),
    ).rejects.toThrow(/earlyStopping.metric val_loss needs a validation set/);
  });

  it('trains every optimizer and schedule to a finite loss', async () => {
    for (const type of OPTIMIZER_TYPES) {
      const { result } = await fitArrays(
        options({
          optimizer: { type },
          epochs: 2,
          schedule: { type: 'cosine_restarts', period: 1 },
        }),
      );
      expect(result.status, type).toBe('completed');
      expect(result.curves[1].train_loss, type).toBeLessThan(result.curves[0].train_loss * 1.5);
    }
  });

  it('resumes with changed hyperparameters, as population-based training does', async () => {
    let saved: Uint8Array | undefined;
    const first = await fitArrays(
      options(
        { epochs: 3 },
        { onEpoch: (m, ctx) => void (m.epoch === 3 && (saved = ctx.checkpoint())) },
      ),
    );
    const resumed = await fitArrays(
      options(
        { epochs: 5, optimizer: { type: 'adam', lr: 0.0005 }, batchSize: 64 },
        { resumeFrom: saved },
      ),
    );
    expect(timeless(resumed.result.curves.slice(0, 3))).toEqual(timeless(first.result.curves));
    expect(resumed.result.curves.slice(3).map((m) => m.lr)).toEqual([0.0005, 0.0005]);
  });

  it('trains the same way with the TypeScript kernels (float32 Adam rounds differently)', async () => {
    const simd = await fitArrays(options({ ...RICH, epochs: 2 }));
    setSimdEnabled(false);
    try {
      const ts = await fitArrays(options({ ...RICH, epochs: 2 }));
      ts.result.curves.forEach((m, i) => {
        expect(m.train_loss).toBeCloseTo(simd.result.curves[i].train_loss, 2);
        expect(m.val_loss).toBeCloseTo(simd.result.curves[i].val_loss, 2);
      });
    } finally {
      setSimdEnabled(true);
    }
  });

  it('rejects a checkpoint of another architecture', async () => {
    let saved: Uint8Array | undefined;
    await fitArrays(
      options({ epochs: 1 }, { onEpoch: (_m, ctx) => void (saved = ctx.checkpoint()) }),
    );
    await expect(
      fitArrays(options({ model: { hidden: [3] } }, { resumeFrom: saved })),
    ).rejects.toThrow(/checkpoint's model does not match/);
  });
});

describe('batch sizes', () => {
  it('single-sample SGD takes one step per sample, full batch one per epoch', async () => {
    const small = blobs(30, 5);
    const stepsAfterOneEpoch = async (batchSize: number) => {
      let steps = 0;
      await fitArrays({
        config: fitConfig({
          optimizer: { type: 'sgd' },
          batchSize,
          epochs: 1,
          earlyStopping: { metric: 'train_loss' },
        }),
        classes: 3,
        train: small,
        onEpoch: (_m, ctx) => void (steps = decodeCheckpoint(ctx.checkpoint()).optimizerSteps),
      });
      return steps;
    };
    expect(await stepsAfterOneEpoch(1)).toBe(30);
    expect(await stepsAfterOneEpoch(8)).toBe(4);
    expect(await stepsAfterOneEpoch(1000)).toBe(1);
  });
});

describe('evaluateModel', () => {
  it('reports MSE, MAE and R² for regression', async () => {
    const x = new Float32Array(40).map((_, i) => i / 40);
    const y = x.map((v) => 3 * v + 1);
    const data = { x, y, n: 40, features: 1 };
    const { model } = await fitArrays({
      config: fitConfig({
        dataset: { name: 'cars' },
        model: { hidden: [] },
        optimizer: { type: 'adam', lr: 0.1 },
        epochs: 200,
        batchSize: 40,
        earlyStopping: { metric: 'train_loss', patience: null },
      }),
      classes: 0,
      train: data,
    });
    const e = evaluateModel(model, data);
    if (e.task !== 'regression') throw new Error('expected regression');
    expect(e.mse).toBeLessThan(1e-3);
    expect(e.loss).toBeCloseTo(e.mse, 6);
    expect(e.mae).toBeLessThan(0.05);
    expect(e.r2).toBeGreaterThan(0.99);
  });

  it('reports per-class precision, recall and F1 from the confusion matrix', async () => {
    const { model } = await fitArrays(options({ epochs: 2 }));
    const e = evaluateModel(model, validation);
    if (e.task !== 'classification') throw new Error('expected classification');
    e.perClass.forEach((r, c) => {
      const tp = e.confusion[c][c];
      const predicted = e.confusion.reduce((s, row) => s + row[c], 0);
      expect(r.precision).toBeCloseTo(tp / predicted, 12);
      expect(r.recall).toBeCloseTo(tp / 30, 12);
      expect(r.support).toBe(30);
      expect(r.f1).toBeCloseTo((2 * r.precision * r.recall) / (r.precision + r.recall), 12);
    });
  });
});
