import type { Dataset } from './dataset.js';
import { DataError } from './errors.js';
import { assertSeed, createRng, shuffle, STREAM } from './random.js';
import { groupByClass } from './split.js';
import { assertIndices } from './standardize.js';

export interface Fold {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * k-fold cross-validation over `pool` (default: every sample; pass `developmentIndices(split)` to
 * keep a sweep's test set out). Each sample of the pool is in exactly one validation fold.
 * Stratified: each class is shuffled and dealt round-robin, continuing where the previous class
 * stopped, so every fold gets its share of each class (within one sample) and sizes differ by <= 1.
 */
export function kFold(
  ds: Dataset,
  k: number,
  seed = 1,
  stratify = true,
  pool?: Int32Array,
): Fold[] {
  const indices = pool ?? Int32Array.from({ length: ds.n }, (_, i) => i);
  assertIndices(ds, indices, 'pool');
  assertSeed(seed, 'kFold.seed');
  if (!Number.isInteger(k) || k < 2 || k > indices.length) {
    throw new DataError(
      'kFold.k',
      `must be an integer in 2..${indices.length}, got ${JSON.stringify(k)}`,
    );
  }
  const rng = createRng(seed, STREAM.fold);
  const foldOf = new Int32Array(ds.n).fill(-1);
  let next = 0;
  for (const group of groupByClass(ds, indices, stratify && ds.task === 'classification')) {
    for (const i of shuffle(group.slice(), rng)) foldOf[i] = next++ % k;
  }
  return Array.from({ length: k }, (_, fold) => ({
    // Shuffled for the same reason as a split's train part: a trainer may walk it in order.
    train: shuffle(
      indices.filter((i) => foldOf[i] !== fold),
      rng,
    ),
    validation: indices.filter((i) => foldOf[i] === fold),
  }));
}

/**
 * Forward chaining for ordered data (time series): the n samples are cut into folds + 1 blocks in
 * order; fold f trains on blocks 0..f and validates on block f + 1, never on the past.
 */
export function forwardChaining(n: number, folds: number): Fold[] {
  if (!Number.isInteger(n) || n < 2)
    throw new DataError('forwardChaining.n', `must be an integer >= 2, got ${n}`);
  if (!Number.isInteger(folds) || folds < 1 || folds + 1 > n) {
    throw new DataError(
      'forwardChaining.folds',
      `must be an integer in 1..${n - 1}, got ${JSON.stringify(folds)}`,
    );
  }
  const blockStart = (block: number): number => Math.round((block * n) / (folds + 1));
  const range = (from: number, to: number): Int32Array =>
    Int32Array.from({ length: to - from }, (_, i) => from + i);
  return Array.from({ length: folds }, (_, f) => ({
    train: range(0, blockStart(f + 1)),
    validation: range(blockStart(f + 1), blockStart(f + 2)),
  }));
}
