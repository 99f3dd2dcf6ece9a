import { describe, expect, it } from 'vitest';
import {
  describeSplit,
  recreateSplit,
  splitDataset,
  splitMatches,
  unsealTestSet,
  DataError,
  type Dataset,
  type Split,
  type SplitDescriptor,
} from '../src/index.js';
import { loadDataset } from './bundled.js';

const promotion = { sweepId: 'sweep-1', trialId: 'trial-1', sequence: 1 };

function parts(split: Split): Int32Array[] {
  return [split.train, split.validation, unsealTestSet(split, { ...promotion, sequence: 99 })];
}

function classCounts(ds: Dataset, indices: Int32Array): number[] {
  const counts = new Array<number>(ds.classes).fill(0);
  for (const i of indices) counts[ds.y[i]]++;
  return counts;
}

describe('splitDataset', () => {
  const mnist = loadDataset({ name: 'mnist' });
  const iris = loadDataset({ name: 'iris' });

  it('makes disjoint parts that cover every sample once', () => {
    for (const ds of [mnist, iris, loadDataset({ name: 'cars' })]) {
      const split = splitDataset(ds, { seed: 7 });
      const seen = new Uint8Array(ds.n);
      for (const part of parts(split)) for (const i of part) seen[i]++;
      expect(seen.every((count) => count === 1)).toBe(true);
      expect(split.sizes.train + split.sizes.validation + split.sizes.test).toBe(ds.n);
    }
  });

  it('keeps each class within one sample of its share in every part', () => {
    for (const ds of [mnist, iris, loadDataset({ name: 'seattle-weather' })]) {
      const split = splitDataset(ds, { train: 0.5, validation: 0.3, test: 0.2, seed: 3 });
      const totals = classCounts(
        ds,
        Int32Array.from({ length: ds.n }, (_, i) => i),
      );
      const fractions = [0.5, 0.3, 0.2];
      parts(split).forEach((part, p) => {
        classCounts(ds, part).forEach((count, c) => {
          expect(Math.abs(count - totals[c] * fractions[p])).toBeLessThanOrEqual(1);
        });
      });
    }
  });

  it('gives each part its fraction of all samples within one, stratified or not', () => {
    expect(splitDataset(mnist).sizes).toEqual({ train: 6000, validation: 2000, test: 2000 });
    const weather = loadDataset({ name: 'seattle-weather' });
    for (const ds of [mnist, iris, weather]) {
      for (const fractions of [
        { train: 0.6, validation: 0.2, test: 0.2 },
        { train: 0.7, validation: 0.15, test: 0.15 },
        { train: 0.5, validation: 0.5, test: 0 },
      ]) {
        for (const stratify of [true, false]) {
          const { sizes } = splitDataset(ds, { ...fractions, stratify, seed: 4 });
          for (const part of ['train', 'validation', 'test'] as const) {
            expect(Math.abs(sizes[part] - ds.n * fractions[part])).toBeLessThanOrEqual(1);
          }
        }
      }
    }
  });

  it('is the same for the same seed and different for another seed', () => {
    const a = splitDataset(iris, { seed: 5 });
    const b = splitDataset(iris, { seed: 5 });
    const c = splitDataset(iris, { seed: 6 });
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    expect(a.testHash).toBe(b.testHash);
    expect(c.testHash).not.toBe(a.testHash);
    expect(Array.from(c.train)).not.toEqual(Array.from(a.train));
  });

  it('is stable across runs (pinned hash of the default MNIST split)', () => {
    // Changing the split algorithm would silently change every stored sweep's test set.
    expect(splitDataset(mnist).testHash).toBe(
      'f8393a0f8a225f280dba3901805572eff726c759a9ad008e354d92a5c2175a57',
    );
  });

  it('mixes the classes in the train order', () => {
    const split = splitDataset(mnist);
    const firstLabels = new Set(Array.from(split.train.subarray(0, 100), (i) => mnist.y[i]));
    expect(firstLabels.size).toBe(10);
  });

  it('records the stratify option as given, and ignores it without classes', () => {
    const cars = loadDataset({ name: 'cars' });
    // Recorded as given, so a sweep's stored split compares equal to its trials' configs.
    expect(splitDataset(cars).stratify).toBe(true);
    expect(splitDataset(cars, { stratify: false }).testHash).toBe(splitDataset(cars).testHash);
    expect(splitDataset(iris, { stratify: false }).stratify).toBe(false);
    expect(splitDataset(iris, { stratify: false }).testHash).not.toBe(splitDataset(iris).testHash);
  });

  it('rejects labels that are not class indices', () => {
    const broken = { ...iris, y: iris.y.map((label, i) => (i === 7 ? 3 : label)) };
    expect(() => splitDataset(broken)).toThrow(
      /dataset\.y: sample 7 has label 3, not a class index in 0\.\.2/,
    );
  });

  it('rejects bad fractions and seeds naming the field', () => {
    expect(() => splitDataset(iris, { train: 1.5 })).toThrow(
      /split\.train: must be a number in \[0, 1\]/,
    );
    expect(() => splitDataset(iris, { train: 0.5, validation: 0.2, test: 0.2 })).toThrow(
      /train \+ validation \+ test must be 1, got 0\.9/,
    );
    expect(() => splitDataset(iris, { train: 0, validation: 0.5, test: 0.5 })).toThrow(
      /split\.train: must be > 0/,
    );
    expect(() => splitDataset(iris, { seed: 1.5 })).toThrow(DataError);
    expect(() => splitDataset(iris, { seed: 1.5 })).toThrow(/split\.seed/);
  });
});

describe('split descriptors', () => {
  const iris = loadDataset({ name: 'iris' });

  it('tell apart same-sized data sets with other contents', () => {
    // Same name, same n, same split options: only the contents differ.
    const a = splitDataset(loadDataset({ name: 'spirals', seed: 1 }));
    const b = splitDataset(loadDataset({ name: 'spirals', seed: 2 }));
    expect(a.datasetFingerprint).not.toBe(b.datasetFingerprint);
    expect(a.testHash).not.toBe(b.testHash);
    expect(() =>
      recreateSplit(loadDataset({ name: 'spirals', seed: 2 }), describeSplit(a)),
    ).toThrow(/split\.datasetFingerprint/);
  });

  it('carry no indices and survive JSON', () => {
    const split = splitDataset(iris, { seed: 11 });
    const descriptor = JSON.parse(JSON.stringify(describeSplit(split)));
    expect(Object.keys(descriptor).sort()).toEqual(
      [
        'dataset',
        'datasetFingerprint',
        'fractions',
        'n',
        'seed',
        'sizes',
        'stratify',
        'testHash',
      ].sort(),
    );
    expect(descriptor.testHash).toBe(split.testHash);
  });

  it('re-create the same split, proven by the test hash', () => {
    const split = splitDataset(iris, { seed: 11, train: 0.7, validation: 0.15, test: 0.15 });
    const again = recreateSplit(iris, describeSplit(split));
    expect(Array.from(again.train)).toEqual(Array.from(split.train));
    expect(splitMatches(again, describeSplit(split))).toBe(true);
  });

  it('refuse a split whose held-out samples changed', () => {
    const descriptor = describeSplit(splitDataset(iris, { seed: 11 }));
    expect(() => recreateSplit(iris, { ...descriptor, testHash: '0'.repeat(64) })).toThrow(
      /split\.testHash: the re-created split holds out other samples/,
    );
    const shorter = { ...iris, n: iris.n - 1, y: iris.y.subarray(0, iris.n - 1) };
    expect(() => recreateSplit(shorter, descriptor)).toThrow(/split\.dataset/);
    const edited = { ...iris, x: iris.x.map((value, k) => (k === 0 ? value + 1 : value)) };
    expect(() => recreateSplit(edited, descriptor)).toThrow(
      /split\.datasetFingerprint: the contents of iris changed/,
    );
    expect(splitMatches(splitDataset(iris, { seed: 12 }), descriptor)).toBe(false);
    const { datasetFingerprint: _dropped, ...old } = descriptor;
    expect(() => recreateSplit(iris, old as SplitDescriptor)).toThrow(
      /split\.datasetFingerprint: the stored split descriptor has no string datasetFingerprint/,
    );
  });
});
