import { describe, expect, it } from 'vitest';
import {
  classificationMetrics,
  confusionMatrix,
  regressionMetrics,
} from '../src/promotion/test-metrics.js';

describe('classification test metrics', () => {
  // truth 0 0 1 1 2 2, predicted 0 1 1 1 2 0: worked out by hand (scikit-learn gives the same).
  const truth = [0, 0, 1, 1, 2, 2];
  const predicted = [0, 1, 1, 1, 2, 0];

  it('counts the confusion matrix by true row and predicted column', () => {
    expect(confusionMatrix(3, truth, predicted)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });

  it('gives accuracy and per-class precision, recall and F1', () => {
    const m = classificationMetrics(['a', 'b', 'c'], truth, predicted, 0.7);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.loss).toBe(0.7);
    expect(m.samples).toBe(6);
    expect(m.classes.map((c) => c.class)).toEqual(['a', 'b', 'c']);
    expect(m.classes.map((c) => c.precision)).toEqual([0.5, 2 / 3, 1]);
    expect(m.classes.map((c) => c.recall)).toEqual([0.5, 1, 0.5]);
    expect(m.classes[0].f1).toBeCloseTo(0.5, 12);
    expect(m.classes[1].f1).toBeCloseTo(0.8, 12);
    expect(m.classes[2].f1).toBeCloseTo(2 / 3, 12);
    expect(m.classes.map((c) => c.support)).toEqual([2, 2, 2]);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
  });

  it('scores a class that is never predicted 0, not NaN', () => {
    const m = classificationMetrics(['a', 'b'], [0, 1], [0, 0], 1);
    expect(m.classes[1]).toEqual({ class: 'b', precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('refuses predictions of the wrong length or outside the classes', () => {
    expect(() => confusionMatrix(2, [0, 1], [0])).toThrow(/expected 2 values, got 1/);
    expect(() => confusionMatrix(2, [0, 1], [0, 2])).toThrow(/sample 1 .* outside 0..1/);
  });
});

describe('regression test metrics', () => {
  it('gives MSE, MAE and R^2', () => {
    // errors 0.5, 0, -1, 1; variance of the truth around 2.5 sums to 5
    const m = regressionMetrics([1, 2, 3, 4], [1.5, 2, 2, 5], 0.5625);
    expect(m).toEqual({
      task: 'regression',
      samples: 4,
      loss: 0.5625,
      mse: 0.5625,
      mae: 0.625,
      r2: 0.55,
    });
  });

  it('gives R^2 1 for a perfect fit of a constant target and 0 otherwise', () => {
    expect(regressionMetrics([3, 3], [3, 3], 0).r2).toBe(1);
    expect(regressionMetrics([3, 3], [3, 4], 0.5).r2).toBe(0);
  });
});
