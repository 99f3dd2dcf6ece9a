import { describe, expect, it } from 'vitest';
import { Arena } from '../src/kernels/arena.js';
import {
  createOptimizer,
  OPTIMIZER_DEFAULTS,
  type OptimizerType,
} from '../src/optimizers/create-optimizer.js';

/** One double-precision parameter, so the rules are checked without float32 rounding. */
function scalar(x0: number, regularized = true) {
  return { value: Float64Array.of(x0), grad: new Float64Array(1), regularized };
}

function run(type: OptimizerType, grads: number[], extra: Record<string, number> = {}): number[] {
  const p = scalar(1);
  const opt = createOptimizer({ type, ...OPTIMIZER_DEFAULTS[type], ...extra }, [p]);
  return grads.map((g) => {
    p.grad[0] = g;
    opt.step(extra.lr ?? 0.1);
    return p.value[0];
  });
}

describe('optimizers', () => {
  it('gradient descent on (x-3)^2 with step 0.1 from 10 reaches 3.000000001425925 at step 100', () => {
    const x = scalar(10);
    const opt = createOptimizer({ type: 'sgd', lr: 0.1, weightDecay: 0 }, [x]);
    for (let t = 0; t < 100; t++) {
      x.grad[0] = 2 * (x.value[0] - 3);
      opt.step(0.1);
    }
    expect(Math.abs(x.value[0] - 3.000000001425925)).toBeLessThan(1e-12);
  });

  // Expected values worked by hand from the update rules, w0 = 1, lr = 0.1, gradients 0.5 then -0.2.
  const cases: [OptimizerType, number[], number[], Record<string, number>?][] = [
    ['sgd', [0.5, -0.2], [0.95, 0.97]],
    // v1 = 0.5, v2 = 0.9·0.5 − 0.2 = 0.25
    ['momentum', [0.5, -0.2], [0.95, 0.925]],
    // w1 = 1 − 0.1·(0.5 + 0.9·0.5), w2 = w1 − 0.1·(−0.2 + 0.9·0.25)
    ['nesterov', [0.5, -0.2], [0.905, 0.9025]],
    // G1 = 0.25, G2 = 0.29
    ['adagrad', [0.5, -0.2], [1 - 0.05 / (0.5 + 1e-10), 0.9 + 0.02 / Math.sqrt(0.29)]],
    // E1 = 0.1·0.25 = 0.025
    ['rmsprop', [0.5], [1 - 0.05 / (Math.sqrt(0.025) + 1e-8)]],
    // E[g²]1 = 0.025, Δ1 = √(1e-6)/√(0.025 + 1e-6)·0.5, lr 1
    ['adadelta', [0.5], [1 - (0.001 / Math.sqrt(0.025001)) * 0.5], { lr: 1 }],
    // step 1 moves by lr·sign(g); step 2: m = 0.025, v = 0.00028975, m̂ = 0.025/0.19, v̂ = v/0.001999
    ['adam', [0.5, -0.2], [0.9, 0.9 - (0.1 * (0.025 / 0.19)) / Math.sqrt(0.00028975 / 0.001999)]],
    // v2 = 0.00024985 < v1 = 0.00025, so AMSGrad keeps v1: m = 0.046, v̂max = 0.00025/0.001999
    ['amsgrad', [0.5, 0.01], [0.9, 0.9 - (0.1 * (0.046 / 0.19)) / Math.sqrt(0.00025 / 0.001999)]],
    // decay first: w·(1 − 0.1·0.01), then the Adam step of 0.1
    ['adamw', [0.5], [0.999 - 0.1]],
  ];
  for (const [type, grads, expected, extra] of cases) {
    it(`${type}: first steps match the hand-computed values`, () => {
      const got = run(type, grads, extra);
      got.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 7));
    });
  }

  it('decoupled weight decay skips unregularized params (biases)', () => {
    const w = scalar(1);
    const b = scalar(1, false);
    createOptimizer({ type: 'sgd', lr: 0.1, weightDecay: 0.5 }, [w, b]).step(0.1);
    expect(w.value[0]).toBeCloseTo(0.95, 12);
    expect(b.value[0]).toBe(1);
  });

  it('Adam keeps the same precision as its params (float32 state for float32 params)', () => {
    const p = { value: new Float32Array(3), grad: new Float32Array(3), regularized: true };
    const opt = createOptimizer({ type: 'adam', ...OPTIMIZER_DEFAULTS.adam }, [p]);
    expect(opt.slots.map((s) => s.constructor.name)).toEqual(['Float32Array', 'Float32Array']);
  });

  it('Adam and AdamW in an arena (SIMD, in place) match the TypeScript rule', () => {
    for (const type of ['adam', 'adamw'] as const) {
      const arena = Arena.create(100, 0)!;
      const make = (allocate: (n: number) => Float32Array) => {
        const p = { value: allocate(7), grad: allocate(7), regularized: true };
        p.value.forEach((_, i) => (p.value[i] = i / 10));
        return p;
      };
      const simd = make(arena.allocate);
      const ts = make((n) => new Float32Array(n));
      const config = { type, ...OPTIMIZER_DEFAULTS[type] };
      const optimizers = [
        createOptimizer(config, [simd], arena.allocate),
        createOptimizer(config, [ts]),
      ];
      for (let step = 0; step < 5; step++) {
        for (const p of [simd, ts])
          p.grad.forEach((_, i) => (p.grad[i] = Math.sin(i + step) - 0.2));
        optimizers.forEach((o) => o.step(0.05));
      }
      expect(Arena.of(simd.value, simd.grad, optimizers[0].slots[0], optimizers[0].slots[1])).toBe(
        arena,
      );
      simd.value.forEach((w, i) => expect(w, `${type} w[${i}]`).toBeCloseTo(ts.value[i], 5));
      expect(simd.value[6]).not.toBe(0.6); // the last, partial vector was updated too
    }
  });
});
