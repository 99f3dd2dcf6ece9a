import { describe, expect, it } from 'vitest';
import {
  MIN_VALIDATION_SAMPLES,
  overTuningWarning,
  splitDataset,
  splitWarnings,
  type Dataset,
} from '../src/index.js';
import { loadDataset } from './bundled.js';

/** n rows of distinct features; class = i % classes unless a label function says otherwise. */
function synthetic(
  n: number,
  classes: number,
  label = (i: number): number => i % classes,
): Dataset {
  return {
    name: `synthetic-${n}`,
    task: 'classification',
    n,
    features: 2,
    classes,
    x: Float32Array.from({ length: n * 2 }, (_, k) => k),
    y: Float32Array.from({ length: n }, (_, i) => label(i)),
    featureNames: ['a', 'b'],
  };
}

const codes = (ds: Dataset, split = splitDataset(ds)): string[] =>
  splitWarnings(ds, split).map((w) => w.code);

describe('splitWarnings', () => {
  it('is quiet on a large, stratified, duplicate-free split (MNIST)', () => {
    expect(
      splitWarnings(loadDataset({ name: 'mnist' }), splitDataset(loadDataset({ name: 'mnist' }))),
    ).toEqual([]);
  });

  it('warns when the validation split is under 300 samples', () => {
    const small = synthetic(1000, 2);
    const warnings = splitWarnings(small, splitDataset(small));
    expect(warnings).toEqual([
      {
        code: 'small_validation',
        message: expect.stringMatching(/the validation split has 200 samples \(< 300\)/),
      },
    ]);
    expect(codes(synthetic(MIN_VALIDATION_SAMPLES * 5, 2))).toEqual([]);
  });

  it('warns when a class is missing from a split', () => {
    // Class 2 has two samples: an unstratified split is likely to miss it somewhere; this seed does.
    const rare = synthetic(2000, 3, (i) => (i < 2 ? 2 : i % 2));
    const split = splitDataset(rare, { stratify: false, seed: 1 });
    const messages = splitWarnings(rare, split).filter((w) => w.code === 'class_missing');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0].message).toMatch(/split has no sample of class 2/);
    // Stratified, two samples still cannot cover three splits: exactly one split lacks class 2.
    const stratified = splitWarnings(rare, splitDataset(rare)).filter(
      (w) => w.code === 'class_missing',
    );
    expect(stratified.map((w) => w.message)).toEqual([
      expect.stringMatching(/^the (train|validation|test) split has no sample of class 2:/),
    ]);
  });

  it('warns about duplicate rows across splits, counting them per pair of splits', () => {
    // 100 distinct rows, each 20 times: every split shares rows with the others.
    const base = synthetic(2000, 2);
    const repeated: Dataset = {
      ...base,
      x: Float32Array.from({ length: 4000 }, (_, k) => k % 200),
    };
    const warnings = splitWarnings(repeated, splitDataset(repeated)).filter(
      (w) => w.code === 'duplicate_rows',
    );
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^\d+ validation rows also appear in the train split/),
      expect.stringMatching(/^\d+ test rows also appear in the train split/),
    ]);
    expect(codes(base)).not.toContain('duplicate_rows');
  });

  it('finds the real duplicate in Iris (two identical virginica flowers)', () => {
    const iris = loadDataset({ name: 'iris' });
    // With the default split the pair falls into different parts.
    expect(codes(iris)).toEqual(['small_validation', 'duplicate_rows']);
  });
});

describe('overTuningWarning', () => {
  it('fires when validation is far better than test, in either direction', () => {
    expect(overTuningWarning(0.98, 0.9, 'maximize')?.code).toBe('over_tuned_validation');
    expect(overTuningWarning(0.98, 0.9, 'maximize')?.message).toMatch(
      /validation score 0\.98 is 8\.2% better/,
    );
    expect(overTuningWarning(0.2, 0.35, 'minimize')?.code).toBe('over_tuned_validation');
  });

  it('stays quiet when the scores agree or test is better', () => {
    expect(overTuningWarning(0.95, 0.94, 'maximize')).toBeNull();
    expect(overTuningWarning(0.9, 0.95, 'maximize')).toBeNull();
    expect(overTuningWarning(0.3, 0.2, 'minimize')).toBeNull();
    expect(overTuningWarning(0.95, 0.94, 'maximize', 0.001)?.code).toBe('over_tuned_validation');
  });

  it('rejects an unknown direction', () => {
    expect(() => overTuningWarning(1, 1, 'up' as 'maximize')).toThrow(
      /direction: must be 'maximize' or 'minimize'/,
    );
  });
});
