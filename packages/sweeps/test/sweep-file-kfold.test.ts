import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSweepFile, SweepFileError, toSweepFile } from '../src/sweep-file.js';

const KFOLD_FILE = readFileSync(
  new URL('../../../examples/iris-kfold.yaml', import.meta.url),
  'utf8',
);

describe('a sweep file with k-fold cross-validation', () => {
  it('passes crossValidation to the engine config and exports it again', () => {
    const body = parseSweepFile(KFOLD_FILE);
    expect(body.workload).toMatchObject({ engine: { crossValidation: { folds: 5 } } });
    expect(parseSweepFile(toSweepFile(body)).workload).toEqual(body.workload);
  });

  it.each([
    ['1', 'must be an integer in 2..100, got 1'],
    ['2.5', 'must be an integer in 2..100, got 2.5'],
  ])('rejects folds: %s naming the field and its line', (folds, reason) => {
    let err: unknown;
    try {
      parseSweepFile(KFOLD_FILE.replace('folds: 5', `folds: ${folds}`));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SweepFileError);
    const e = err as SweepFileError;
    expect(e.field).toBe('workload.engine.crossValidation.folds');
    expect(e.reason).toContain(reason);
    expect(e.line).toBe(KFOLD_FILE.split('\n').findIndex((l) => l.includes('folds: 5')) + 1);
  });

  it('refuses cross-validation in a pbt sweep, whose members each train one model', () => {
    const pbt = KFOLD_FILE.replace(
      'algorithm: { type: random, seed: 1 }',
      'algorithm: { type: pbt, seed: 1, populationSize: 4, perturbationInterval: 5 }',
    ).replace(
      'optimizer.lr: { type: float, low: 0.001, high: 0.3, log: true }',
      'optimizer.lr: { type: float, low: 0.001, high: 0.3, log: true, mutable: true }',
    );
    expect(() =>
      parseSweepFile(pbt.replace('    crossValidation: { folds: 5 }\n', '')),
    ).not.toThrow();
    let err: unknown;
    try {
      parseSweepFile(pbt);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SweepFileError);
    expect((err as SweepFileError).field).toBe('workload.engine.crossValidation');
    expect((err as SweepFileError).reason).toContain('cannot be used with algorithm pbt');
  });
});
