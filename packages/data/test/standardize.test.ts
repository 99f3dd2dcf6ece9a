import { describe, expect, it } from 'vitest';
import { fitStandardizer, materialize, splitDataset, type Dataset } from '../src/index.js';
import { loadDataset } from './bundled.js';

function tiny(): Dataset {
  // Feature 0 differs wildly between the first 4 rows and the rest; feature 1 is constant.
  const x = Float32Array.from([1, 5, 2, 5, 3, 5, 4, 5, 100, 5, 200, 5]);
  return {
    name: 'tiny',
    task: 'regression',
    n: 6,
    features: 2,
    classes: 0,
    x,
    y: Float32Array.from([0, 1, 2, 3, 4, 5]),
    featureNames: ['a', 'b'],
  };
}

describe('fitStandardizer', () => {
  it('uses only the rows it is given (the training split)', () => {
    const ds = tiny();
    const { mean, std } = fitStandardizer(ds, Int32Array.from([0, 1, 2, 3]));
    expect(mean[0]).toBeCloseTo(2.5, 6);
    expect(std[0]).toBeCloseTo(Math.sqrt(1.25), 6);
  });

  it('maps a constant feature to 0 instead of dividing by zero', () => {
    const ds = tiny();
    const standardizer = fitStandardizer(ds, Int32Array.from([0, 1, 2, 3]));
    expect(standardizer.std[1]).toBe(1);
    const { x } = materialize(ds, Int32Array.from([0]), standardizer);
    expect(x[1]).toBe(0);
  });

  it('gives the training rows mean 0 and std 1 on MNIST, but not the other rows', () => {
    const mnist = loadDataset({ name: 'mnist' });
    const split = splitDataset(mnist);
    const standardizer = fitStandardizer(mnist, split.train);
    const train = materialize(mnist, split.train, standardizer);
    expect(train.shape).toEqual({ channels: 1, height: 28, width: 28 });
    const pixel = 14 * 28 + 14;
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < train.n; r++) {
      const value = train.x[r * 784 + pixel];
      sum += value;
      squares += value * value;
    }
    expect(sum / train.n).toBeCloseTo(0, 4);
    expect(squares / train.n).toBeCloseTo(1, 3);
    const validationOnly = fitStandardizer(mnist, split.validation);
    expect(validationOnly.mean[pixel]).not.toBe(standardizer.mean[pixel]);
  });

  it('rejects empty and out-of-range indices', () => {
    const ds = tiny();
    expect(() => fitStandardizer(ds, new Int32Array(0))).toThrow(/indices: must not be empty/);
    expect(() => fitStandardizer(ds, Int32Array.from([6]))).toThrow(/index 6 is outside 0\.\.5/);
    expect(() => materialize(ds, [0, 1] as unknown as Int32Array)).toThrow(/must be an Int32Array/);
  });
});

describe('materialize', () => {
  it('copies the chosen rows and labels in order', () => {
    const ds = tiny();
    const out = materialize(ds, Int32Array.from([4, 1]));
    expect(Array.from(out.x)).toEqual([100, 5, 2, 5]);
    expect(Array.from(out.y)).toEqual([4, 1]);
    expect(out.n).toBe(2);
    expect(out.features).toBe(2);
    expect(out.shape).toBeUndefined();
    out.x[0] = -1;
    expect(ds.x[8]).toBe(100);
  });

  it('standardizes with the given standardizer', () => {
    const ds = tiny();
    const standardizer = fitStandardizer(ds, Int32Array.from([0, 1, 2, 3]));
    const out = materialize(ds, Int32Array.from([4]), standardizer);
    expect(out.x[0]).toBeCloseTo((100 - 2.5) / Math.sqrt(1.25), 3);
  });
});
