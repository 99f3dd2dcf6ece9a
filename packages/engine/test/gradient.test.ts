// Every layer, activation and loss against central finite differences of the batch loss.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, type Activation } from '../src/kernels/activation.js';
import { lossAndGrad, outputWidth, type Loss } from '../src/loss.js';
import { Mlp, type MlpSpec } from '../src/model/mlp.js';
import { Rng } from '../src/rng.js';

interface Case {
  name: string;
  loss: Loss;
  classes: number;
  spec: Partial<MlpSpec>;
}

const N = 6;
const INPUT = 5;

function check({ loss, classes, spec }: Case): void {
  const rng = new Rng(7);
  const width = outputWidth(loss, classes);
  const full: MlpSpec = {
    inputSize: INPUT,
    outputSize: width,
    hidden: [7, 4],
    activation: 'tanh',
    dropout: 0,
    batchNorm: false,
    init: 'xavier_normal',
    ...spec,
  };
  const model = new Mlp(full, N, rng);
  // biases and batch-norm scales away from their initial 0/1 so every path is exercised
  for (const p of model.params) {
    if (!p.regularized) for (let i = 0; i < p.value.length; i++) p.value[i] += rng.normal() * 0.3;
  }
  const x = new Float32Array(N * INPUT).map(() => rng.normal());
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
    spec: { activation },
  })),
  { name: 'mean squared error, regression', loss: 'mse', classes: 0, spec: {} },
  { name: 'mean squared error on one-hot classes', loss: 'mse', classes: 3, spec: {} },
  { name: 'binary log loss', loss: 'binary_cross_entropy', classes: 2, spec: {} },
  { name: 'multi-class hinge', loss: 'hinge', classes: 4, spec: {} },
  {
    name: 'batch norm',
    loss: 'cross_entropy',
    classes: 3,
    spec: { batchNorm: true, activation: 'sigmoid' },
  },
  { name: 'dropout', loss: 'cross_entropy', classes: 3, spec: { dropout: 0.3 } },
  {
    name: 'deep: four hidden layers, batch norm and dropout',
    loss: 'cross_entropy',
    classes: 3,
    spec: { hidden: [6, 5, 5, 4], batchNorm: true, dropout: 0.2 },
  },
];

describe('gradient check', () => {
  for (const c of cases) it(c.name, () => check(c));

  it('fails on a wrong gradient (the check itself can fail)', () => {
    const original = Mlp.prototype.backward;
    Mlp.prototype.backward = function (g: Float32Array, n: number) {
      original.call(this, g, n);
      this.params[0].grad[0] *= 1.5;
    };
    try {
      expect(() => check(cases[0])).toThrow(/dense0.weight\[0\]/);
    } finally {
      Mlp.prototype.backward = original;
    }
  });
});
