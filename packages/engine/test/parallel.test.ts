import { describe, expect, it } from 'vitest';
import { ConfigError, fitArrays, onCores, validateConfig, type FitOptions } from '../src/index.js';
import { nodeShardThreads } from '../src/threads/index.js';
import { blobs, fitConfig, timeless } from './helpers.js';

// The worker threads run the build (a thread cannot load the TypeScript sources); `test` builds first.
const threads = nodeShardThreads(new URL('../dist/threads/worker-entry.js', import.meta.url));
const train = blobs(300, 1, 8);
const validation = blobs(90, 2, 8);

const BASE = {
  model: { hidden: [24, 12] },
  optimizer: { type: 'adam', lr: 0.01 },
  regularization: { l1: 1e-4, l2: 1e-3 },
  batchSize: 32, // 300 rows: 9 batches of 32 and a last one of 12, split 6 + 6
  epochs: 6,
  earlyStopping: { patience: null },
};

function options(config: object, extra: Partial<FitOptions> = {}): FitOptions {
  return { config: fitConfig(config), classes: 3, train, validation, threads, ...extra };
}

async function fit(config: object, extra: Partial<FitOptions> = {}) {
  const { result, model } = await fitArrays(options(config, extra));
  // params and running statistics: everything the model computes with
  return { result, weights: model.network.state.map((v) => Float32Array.from(v)) };
}

function maxRelativeGap(a: Float32Array[], b: Float32Array[]): number {
  let gap = 0;
  a.forEach((w, i) =>
    w.forEach((v, j) => {
      gap = Math.max(gap, Math.abs(v - b[i][j]) / Math.max(1, Math.abs(v)));
    }),
  );
  return gap;
}

describe('sync data parallelism', () => {
  for (const reduce of ['allreduce', 'parameter-server'] as const) {
    for (const clipNorm of [null, 0.5]) {
      it(`with ${reduce}${clipNorm ? ' and clipping' : ''}, 2 workers train the 1-thread run at the same global batch`, async () => {
        const config = { ...BASE, clipNorm };
        const one = await fit(config);
        const two = await fit({ ...config, parallel: { workers: 2, reduce } });
        expect(two.result.status).toBe('completed');
        // Only the order of the gradient's sums differs (two shards of 16 rows, then their mean)
        expect(maxRelativeGap(one.weights, two.weights)).toBeLessThan(1e-4);
        one.result.curves.forEach((m, i) => {
          const p = two.result.curves[i];
          expect(Math.abs(p.train_loss - m.train_loss)).toBeLessThan(1e-5);
          expect(Math.abs(p.val_loss - m.val_loss)).toBeLessThan(1e-5);
          expect(p.train_acc).toBe(m.train_acc);
        });
      });
    }
  }

  it.each(['allreduce', 'parameter-server'] as const)(
    'with %s, 3 workers train the 1-thread run when a shard is empty',
    async (reduce) => {
      // 290 rows: the last batch has 2 rows, so worker 0's shard of it has none
      const extra = { train: blobs(290, 1, 8) };
      const one = await fit(BASE, extra);
      const three = await fit({ ...BASE, parallel: { workers: 3, reduce } }, extra);
      expect(three.result.status).toBe('completed');
      expect(maxRelativeGap(one.weights, three.weights)).toBeLessThan(1e-4);
    },
  );

  it.each([
    ['', BASE.model],
    [' with batch norm', { hidden: [24, 12], batchNorm: true }],
  ])('gives bit-identical runs for the same seed, resumed or not%s', async (_, model) => {
    const config = { ...BASE, model, parallel: { workers: 2 } };
    const whole = await fit(config);
    let saved: Uint8Array | null = null;
    await fitArrays(
      options(config, {
        onEpoch: (m, ctx) => {
          if (m.epoch === 3) {
            saved = ctx.checkpoint();
            return 'stop';
          }
        },
      }),
    );
    const resumed = await fit(config, { resumeFrom: saved! });
    expect(timeless(resumed.result.curves)).toEqual(timeless(whole.result.curves));
    expect(resumed.weights).toEqual(whole.weights);
    // and a 2-worker checkpoint resumes in one thread too: the format does not change
    const single = await fit({ ...BASE, model }, { resumeFrom: saved! });
    expect(single.result.curves.slice(0, 3)).toEqual(resumed.result.curves.slice(0, 3));
    expect(single.result.epochs).toBe(6);
  });
});

describe('sync all-reduce epochs, trained by the workers among themselves', () => {
  it('stop at a step when aborted', async () => {
    const controller = new AbortController();
    const { result } = await fit(
      { ...BASE, epochs: 50, parallel: { workers: 2 } },
      {
        signal: controller.signal,
        onEpoch: (m) => {
          if (m.epoch === 2) controller.abort();
        },
      },
    );
    expect(result.status).toBe('stopped');
    expect(result.epochs).toBe(2);
  });

  it('end the run as diverged at the step the 1-thread run diverges', async () => {
    const config = { ...BASE, optimizer: { type: 'sgd', lr: 1000 } };
    const one = await fit(config);
    const two = await fit({ ...config, parallel: { workers: 2 } });
    expect(one.result.status).toBe('diverged');
    expect(two.result.status).toBe('diverged');
    expect(two.result.stopReason).toBe(one.result.stopReason);
  });
});

describe('batch norm with several workers', () => {
  // Two rows, batch 2, 2 sync workers: each worker's shard is one row.
  const run = (workers: number) =>
    fitArrays({
      config: fitConfig({
        model: { layers: [{ dense: 5, batchNorm: true }] },
        optimizer: { type: 'sgd', lr: 0.1 },
        batchSize: 2,
        epochs: 1,
        earlyStopping: { metric: 'train_loss', patience: null },
        parallel: { workers },
      }),
      classes: 3,
      train: blobs(2, 4, 8),
      threads,
    });

  it("normalizes each worker's shard, as PyTorch's DDP does without SyncBatchNorm", async () => {
    // A one-row shard is its own mean: batch norm gives beta (0), so the logits are the output
    // bias (0) and the loss is exactly ln 3. Normalizing over the whole batch would give ±1.
    const [two, one] = [await run(2), await run(1)];
    expect(two.result.curves[0]!.train_loss).toBeCloseTo(Math.log(3), 6);
    expect(Math.abs(one.result.curves[0]!.train_loss - Math.log(3))).toBeGreaterThan(1e-3);
  });

  it("keeps a shard's running statistics (worker 0's) as the model's, not the batch's", async () => {
    // After one step: running variance 0.9 x 1 + 0.1 x (a one-row shard's variance, 0) = 0.9,
    // and running mean 0.1 x that row's value; over the whole batch both would be other values.
    const [two, one] = [await run(2), await run(1)];
    const statistics = (m: Awaited<ReturnType<typeof run>>) => m.model.network.state.slice(-2);
    const [mean, variance] = statistics(two);
    variance!.forEach((v) => expect(v).toBeCloseTo(0.9, 6));
    expect(mean!.some((v) => v !== 0)).toBe(true);
    const [batchMean, batchVariance] = statistics(one);
    expect(batchMean).not.toEqual(mean);
    expect(batchVariance!.every((v) => Math.abs(v - 0.9) > 1e-4)).toBe(true);
  });
});

describe('async data parallelism (HOGWILD)', () => {
  it('learns with lock-free updates and reports their staleness', async () => {
    const { result } = await fit({
      ...BASE,
      batchSize: 8,
      model: { hidden: [24, 12], dropout: 0.1 },
      parallel: { workers: 2, mode: 'async' },
    });
    expect(result.status).toBe('completed');
    expect(result.metrics.val_acc).toBeGreaterThan(0.85);
    for (const m of result.curves) {
      expect(m.staleness).toBeGreaterThanOrEqual(0);
      expect(m.staleness_max).toBeGreaterThanOrEqual(m.staleness!);
      // two workers: another update can land at most between a read and a write... per batch
      // of the other worker, so never more than the epoch's batches
      expect(m.staleness_max).toBeLessThanOrEqual(Math.ceil(300 / 8));
    }
    expect(result.metrics).not.toHaveProperty('staleness');
  });

  it('stops its workers when aborted', async () => {
    const controller = new AbortController();
    const { result } = await fit(
      { ...BASE, epochs: 50, parallel: { workers: 2, mode: 'async' } },
      {
        signal: controller.signal,
        onEpoch: (m) => {
          if (m.epoch === 2) controller.abort();
        },
      },
    );
    expect(result.status).toBe('stopped');
    expect(result.epochs).toBe(2);
  });
});

describe('onCores', () => {
  const config = (extra: object) => fitConfig({ ...BASE, ...extra });
  it('widens a sync run to the cores, never past the batch or below the config', () => {
    expect(onCores(config({}), 4).parallel).toEqual({
      workers: 4,
      mode: 'sync',
      reduce: 'allreduce',
    });
    expect(onCores(config({ batchSize: 3 }), 8).parallel.workers).toBe(3);
    expect(onCores(config({ parallel: { workers: 6 } }), 4).parallel.workers).toBe(6);
  });
  it('keeps the workers of runs that more workers would train differently', () => {
    for (const extra of [
      { parallel: { mode: 'async' } },
      { model: { hidden: [24], dropout: 0.2 } },
      { model: { layers: [{ dense: 24, batchNorm: true }] } },
    ]) {
      expect(onCores(config(extra), 4).parallel.workers).toBe(1);
    }
  });
});

describe('parallel config', () => {
  const bad =
    (parallel: unknown, extra: object = {}) =>
    () =>
      validateConfig({ dataset: { name: 'iris' }, parallel, ...extra });

  it('fills defaults and bounds every field, naming it', () => {
    expect(validateConfig({ dataset: { name: 'iris' } }).parallel).toEqual({
      workers: 1,
      mode: 'sync',
      reduce: 'allreduce',
    });
    expect(bad({ workers: 0 })).toThrow('parallel.workers must be an integer in 1..64, got 0');
    expect(bad({ workers: 65 })).toThrow(ConfigError);
    expect(bad({ mode: 'hogwild' })).toThrow('parallel.mode must be one of sync, async');
    expect(bad({ reduce: 'ring' })).toThrow(
      'parallel.reduce must be one of allreduce, parameter-server',
    );
    expect(bad({ threads: 2 })).toThrow('parallel.threads is not a known field');
    expect(bad({ workers: 2 }, { crossValidation: { folds: 3 } })).toThrow(/cross-validation/);
    expect(bad({ workers: 4 }, { batchSize: 2 })).toThrow(/batchSize must be >= 4, got 2/);
  });

  it('needs a thread starter from its caller', async () => {
    await expect(
      fitArrays({ ...options({ ...BASE, parallel: { workers: 2 } }), threads: undefined }),
    ).rejects.toThrow(/needs threads/);
  });
});
