// Every layer, activation and loss against central finite differences of the batch loss.
import type { ImageShape } from '@sweepwise/data';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/config.js';
import { ACTIVATIONS, type Activation } from '../src/kernels/activation.js';
import { lossAndGrad, outputWidth, type Loss } from '../src/loss.js';
import { Network } from '../src/model/network.js';
import { Rng } from '../src/rng.js';

interface Case {
  name: string;
  loss: Loss;
  classes: number;
  /** The config's `model` section (defaults: hidden [7, 4], tanh, Xavier normal). */
  model: object;
  /** Image inputs; otherwise 5 flat features. */
  image?: ImageShape;
}

const N = 6;
const INPUT = 5;
/** Two channels of 7x6: odd and even sides, so padding and strides meet both edges. */
const IMAGE: ImageShape = { channels: 2, height: 7, width: 6 };

function check({ loss, classes, model: modelConfig, image }: Case): void {
  const rng = new Rng(7);
  const width = outputWidth(loss, classes);
  const { model: config } = validateConfig({
    // a file data set: validation does not know its shape, the spec below gives it
    dataset: { path: 'unused.csv', target: 'y', task: 'classification' },
    model: {
      ...('layers' in modelConfig ? {} : { hidden: [7, 4] }),
      activation: 'tanh',
      init: 'xavier_normal',
      ...modelConfig,
    },
  });
  const inputSize = image ? image.channels * image.height * image.width : INPUT;
  const spec = { ...config, inputSize, inputShape: image ?? null, outputSize: width };
  const model = new Network(spec, N, rng);
  // biases and batch-norm scales away from their initial 0/1 so every path is exercised
  for (const p of model.params) {
    if (!p.regularized) for (let i = 0; i < p.value.length; i++) p.value[i] += rng.normal() * 0.3;
  }
  const x = new Float32Array(N * inputSize).map(() => rng.normal());
  const y = new Float32Array(N).map(() =>
    classes === 0 ? rng.normal() : Math.floor(rng.next() * classes),
  );
  const grad = new Float32Array(N * width);
  const saved = rng.state.slice(); // dropout masks must be the same on every evaluation
  const lossAt = (withGrad: boolean): number => {
    rng.state.set(saved);
    const out = model.forward(x, N, true);
    return lossAndGrad(loss, out, y, N, width, withGrad ? grad : null);
  };
  lossAt(true);
  model.backward(grad, N);
  const eps = 1e-3;
  let checked = 0;
  for (const p of model.params) {
    const analytic = p.grad.slice();
    for (let i = 0; i < p.value.length; i++) {
      const w = p.value[i];
      p.value[i] = w + eps;
      const up = lossAt(false);
      p.value[i] = w - eps;
      const down = lossAt(false);
      p.value[i] = w;
      const numeric = (up - down) / (2 * eps);
      const tol = 2e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(analytic[i]));
      if (Math.abs(numeric - analytic[i]) > tol) {
        throw new Error(`${p.name}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`);
      }
      checked++;
    }
  }
  expect(checked).toBe(model.paramCount);
}

const cases: Case[] = [
  ...ACTIVATIONS.map((activation: Activation): Case => ({
    name: `${activation} with softmax cross-entropy`,
    loss: 'cross_entropy',
    classes: 3,
    model: { activation },
  })),
  { name: 'mean squared error, regression', loss: 'mse', classes: 0, model: {} },
  { name: 'mean squared error on one-hot classes', loss: 'mse', classes: 3, model: {} },
  { name: 'binary log loss', loss: 'binary_cross_entropy', classes: 2, model: {} },
  { name: 'multi-class hinge', loss: 'hinge', classes: 4, model: {} },
  {
    name: 'batch norm',
    loss: 'cross_entropy',
    classes: 3,
    model: { batchNorm: true, activation: 'sigmoid' },
  },
  { name: 'dropout', loss: 'cross_entropy', classes: 3, model: { dropout: 0.3 } },
  {
    name: 'deep: four hidden layers, batch norm and dropout',
    loss: 'cross_entropy',
    classes: 3,
    model: { hidden: [6, 5, 5, 4], batchNorm: true, dropout: 0.2 },
  },
  ...convCases(),
];

/** Conv and pool layers, each followed by a second conv or dense layer so their input gradients count. */
function convCases(): Case[] {
  const conv = (name: string, layers: object[], extra: object = {}): Case => ({
    name,
    loss: 'cross_entropy',
    classes: 3,
    model: { layers, ...extra },
    image: IMAGE,
  });
  return [
    conv('conv, valid padding, into a second conv', [
      { conv: 3, kernel: 3 },
      { conv: 2, kernel: 2 },
    ]),
    conv('conv, same padding, stride 2', [
      { conv: 3, kernel: 3, stride: 2, padding: 'same' },
      { conv: 2, kernel: 2, padding: 'same' },
    ]),
    conv('conv, valid padding, stride 2, then dense', [
      { conv: 4, kernel: 3, stride: 2 },
      { dense: 5 },
    ]),
    conv('max pooling', [
      { conv: 3, kernel: 3, padding: 'same' },
      { pool: 2 },
      { conv: 2, kernel: 2 },
    ]),
    conv('max pooling, overlapping windows', [
      { conv: 3, kernel: 2 },
      { pool: 2, stride: 1 },
      { dense: 4 },
    ]),
    conv('average pooling', [
      { conv: 3, kernel: 3, padding: 'same' },
      { pool: 2, type: 'avg' },
      { conv: 2, kernel: 2 },
    ]),
    conv('average pooling, overlapping windows, then flatten', [
      { conv: 3, kernel: 2 },
      { pool: 3, stride: 1, type: 'avg' },
      { flatten: true },
      { dense: 4 },
    ]),
    conv(
      'batch norm over channels',
      [{ conv: 3, kernel: 3, padding: 'same', batchNorm: true }, { pool: 2 }, { dense: 4 }],
      { activation: 'sigmoid' },
    ),
  ];
}

describe('gradient check', () => {
  for (const c of cases) it(c.name, () => check(c));

  it('fails on a wrong gradient (the check itself can fail)', () => {
    const original = Network.prototype.backward;
    Network.prototype.backward = function (g: Float32Array, n: number) {
      original.call(this, g, n);
      this.params[0].grad[0] *= 1.5;
    };
    try {
      expect(() => check(cases[0])).toThrow(/dense0.weight\[0\]/);
    } finally {
      Network.prototype.backward = original;
    }
  });
});
