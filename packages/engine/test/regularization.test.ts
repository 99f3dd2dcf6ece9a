import { describe, expect, it } from 'vitest';
import { param } from '../src/model/layer.js';
import { addPenaltyGradient, clipGradientNorm, penalty } from '../src/regularization.js';

describe('regularization', () => {
  it('L1/L2 penalty gradients match finite differences and skip biases', () => {
    const w = param('w', 3, true);
    const b = param('b', 2, false);
    w.value.set([0.5, -1.5, 2]);
    b.value.set([3, -3]);
    const [l1, l2] = [0.1, 0.3];
    addPenaltyGradient([w, b], l1, l2);
    const eps = 1e-3;
    for (let i = 0; i < 3; i++) {
      const x = w.value[i];
      w.value[i] = x + eps;
      const up = penalty([w, b], l1, l2);
      w.value[i] = x - eps;
      const down = penalty([w, b], l1, l2);
      w.value[i] = x;
      expect(w.grad[i]).toBeCloseTo((up - down) / (2 * eps), 3);
    }
    expect(Array.from(b.grad)).toEqual([0, 0]);
    expect(penalty([w, b], l1, l2)).toBeCloseTo(0.1 * 4 + 0.15 * (0.25 + 2.25 + 4), 6);
  });

  it('clips the global gradient norm, leaving small gradients alone', () => {
    const a = param('a', 2, true);
    const b = param('b', 1, false);
    a.grad.set([3, 0]);
    b.grad.set([4]);
    expect(clipGradientNorm([a, b], 10)).toBeCloseTo(5, 6);
    expect(Array.from(a.grad)).toEqual([3, 0]);
    expect(clipGradientNorm([a, b], 1)).toBeCloseTo(5, 6);
    expect(a.grad[0]).toBeCloseTo(0.6, 6);
    expect(b.grad[0]).toBeCloseTo(0.8, 6);
  });
});
