import { describe, expect, it } from 'vitest';
import {
  developmentIndices,
  forwardChaining,
  kFold,
  splitDataset,
  type Dataset,
} from '../src/index.js';
import { loadDataset } from './bundled.js';

function counts(ds: Dataset, indices: Int32Array): number[] {
  const out = new Array<number>(ds.classes).fill(0);
  for (const i of indices) out[ds.y[i]]++;
  return out;
}

describe('kFold', () => {
  const penguins = loadDataset({ name: 'penguins' });

  it('puts each sample in exactly one validation fold, and trains on the rest', () => {
    for (const stratify of [true, false]) {
      const folds = kFold(penguins, 5, 3, stratify);
      const seen = new Uint8Array(penguins.n);
      for (const fold of folds) {
        for (const i of fold.validation) seen[i]++;
        expect(fold.train.length + fold.validation.length).toBe(penguins.n);
        const validation = new Set(fold.validation);
        expect([...fold.train].some((i) => validation.has(i))).toBe(false);
      }
      expect(seen.every((count) => count === 1)).toBe(true);
    }
  });

  it('stratifies: each fold holds each class within one sample of its share', () => {
    const totals = counts(
      penguins,
      Int32Array.from({ length: penguins.n }, (_, i) => i),
    );
    const folds = kFold(penguins, 7, 1, true);
    const sizes = folds.map((fold) => fold.validation.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const fold of folds) {
      counts(penguins, fold.validation).forEach((count, c) => {
        expect(Math.abs(count - totals[c] / 7)).toBeLessThan(1);
      });
    }
  });

  it('is seeded', () => {
    const a = kFold(penguins, 5, 9, true);
    expect(a.map((fold) => Array.from(fold.validation))).toEqual(
      kFold(penguins, 5, 9, true).map((fold) => Array.from(fold.validation)),
    );
    expect(a.map((fold) => Array.from(fold.validation))).not.toEqual(
      kFold(penguins, 5, 10, true).map((fold) => Array.from(fold.validation)),
    );
  });

  it('stays inside a pool, so a sweep can cross-validate without its test set', () => {
    const split = splitDataset(penguins);
    const pool = developmentIndices(split);
    const allowed = new Set(pool);
    const folds = kFold(penguins, 4, 1, true, pool);
    const seen = new Set<number>();
    for (const fold of folds) {
      for (const i of [...fold.train, ...fold.validation]) expect(allowed.has(i)).toBe(true);
      for (const i of fold.validation) seen.add(i);
    }
    expect(seen.size).toBe(pool.length);
  });

  it('rejects a bad k naming the field', () => {
    expect(() => kFold(penguins, 1, 1, true)).toThrow(
      /kFold\.k: must be an integer in 2\.\.333, got 1/,
    );
    expect(() => kFold(penguins, 334, 1, true)).toThrow(/kFold\.k/);
  });
});

describe('forwardChaining', () => {
  it('trains on the past and validates on the next block', () => {
    const folds = forwardChaining(10, 4);
    expect(folds.map((fold) => [Array.from(fold.train), Array.from(fold.validation)])).toEqual([
      [
        [0, 1],
        [2, 3],
      ],
      [
        [0, 1, 2, 3],
        [4, 5],
      ],
      [
        [0, 1, 2, 3, 4, 5],
        [6, 7],
      ],
      [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [8, 9],
      ],
    ]);
  });

  it('validates every sample after the first block exactly once, always after its training data', () => {
    const n = 1461;
    const folds = forwardChaining(n, 6);
    const validated = folds.flatMap((fold) => Array.from(fold.validation));
    expect(validated).toEqual(
      Array.from({ length: validated.length }, (_, i) => n - validated.length + i),
    );
    expect(validated.at(-1)).toBe(n - 1);
    for (const fold of folds)
      expect(Math.max(...fold.train)).toBeLessThan(Math.min(...fold.validation));
  });

  it('rejects bad arguments naming the field', () => {
    expect(() => forwardChaining(5, 5)).toThrow(
      /forwardChaining\.folds: must be an integer in 1\.\.4/,
    );
    expect(() => forwardChaining(1, 1)).toThrow(/forwardChaining\.n/);
  });
});
