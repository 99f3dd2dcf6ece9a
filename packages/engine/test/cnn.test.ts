// Convolutional networks end to end: they learn, resume bit-exactly, and refuse inputs that are
// not images. (Each layer's gradients are checked in gradient.test.ts.)
import { describe, expect, it } from 'vitest';
import { fitArrays, type FitOptions, type Samples } from '../src/index.js';
import { Rng } from '../src/rng.js';
import { fitConfig, timeless, trainOn } from './helpers.js';

const SIDE = 8;

/** 8x8 one-channel images of a horizontal, a vertical or a diagonal bar at a random place, in noise. */
function bars(n: number, seed: number): Samples {
  const rng = new Rng(seed);
  const features = SIDE * SIDE;
  const x = new Float32Array(n * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    const at = 1 + Math.floor(rng.next() * (SIDE - 2));
    for (let r = 0; r < SIDE; r++) {
      for (let col = 0; col < SIDE; col++) {
        const on = c === 0 ? r === at : c === 1 ? col === at : r === col;
        x[i * features + r * SIDE + col] = (on ? 1 : 0) + 0.3 * rng.normal();
      }
    }
  }
  return { x, y, n, features, shape: { channels: 1, height: SIDE, width: SIDE } };
}

const trainSet = bars(150, 1);
const validation = bars(60, 2);

/** A file data set as far as validation knows: its shape comes with the samples. */
const IMAGES = { path: 'bars.csv', target: 'bar', task: 'classification' };

function options(config: object, extra: Partial<FitOptions> = {}): FitOptions {
  const fit = fitConfig({ dataset: IMAGES, ...config });
  return { config: fit, classes: 3, train: trainSet, validation, ...extra };
}

/** Every kind of layer: conv with same padding and batch norm over channels, both pools, dropout. */
const CNN = {
  model: {
    layers: [
      { conv: 6, kernel: 3, padding: 'same', batchNorm: true },
      { pool: 2 },
      { conv: 8, kernel: 2, stride: 2 },
      { pool: 2, stride: 1, type: 'avg' },
      { flatten: true },
      { dense: 12 },
    ],
    dropout: 0.1,
  },
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 20,
  epochs: 6,
  earlyStopping: { patience: null },
};

describe('convolutional networks', () => {
  it('learn to tell bars apart', async () => {
    const { result } = await fitArrays(options({ ...CNN, epochs: 15 }));
    expect(result.status).toBe('completed');
    expect(result.metrics.val_acc).toBeGreaterThan(0.95);
    // conv 3·3·1·6+6, batch norm 2·6, conv 2·2·6·8+8, dense 8·12+12 (2x2 avg-pooled to 1x1), out 12·3+3
    expect(result.paramCount).toBe(60 + 12 + 200 + 108 + 39);
  });

  it('resume from a checkpoint bit-exactly: 6 epochs straight equal 3, checkpoint, 3 more', async () => {
    const straight = await fitArrays(options(CNN));
    let saved: Uint8Array | undefined;
    await fitArrays(
      options(
        { ...CNN, epochs: 3 },
        { onEpoch: (m, ctx) => void (m.epoch === 3 && (saved = ctx.checkpoint())) },
      ),
    );
    const resumed = await fitArrays(options(CNN, { resumeFrom: saved }));
    expect(resumed.result.epochs).toBe(6);
    expect(timeless(resumed.result.curves)).toEqual(timeless(straight.result.curves));
    expect(resumed.model.network.state).toEqual(straight.model.network.state);
    // the state holds the batch-norm running statistics, which training moved
    expect(
      straight.model.network.state.some((s) => s.length === 6 && s[0] !== 0 && s[0] !== 1),
    ).toBe(true);
  });

  it('refuse features that are not an image, naming the layer', async () => {
    const { shape: _shape, ...flat } = trainSet;
    await expect(fitArrays({ ...options(CNN), train: flat })).rejects.toMatchObject({
      name: 'ConfigError',
      field: 'model.layers.0.conv',
    });
  });

  it('train on MNIST from its declared 1x28x28 shape', async () => {
    const result = await trainOn({
      dataset: { name: 'mnist', n: 300 },
      model: { layers: [{ conv: 4, kernel: 5, stride: 2 }, { pool: 2 }, { dense: 16 }] },
      optimizer: { lr: 0.01 },
      batchSize: 20,
      epochs: 3,
    });
    expect(result.status).toBe('completed');
    // 28 → 12 (5x5, stride 2) → 6 (pool): conv 5·5·4+4, dense 6·6·4·16+16, out 16·10+10
    expect(result.paramCount).toBe(104 + 2320 + 170);
    expect(result.metrics.val_acc).toBeGreaterThan(0.3);
  });
});
