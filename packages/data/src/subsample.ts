import type { Dataset } from './dataset.js';
import { DataError } from './errors.js';
import { assertSeed, createRng, shuffle, STREAM } from './random.js';
import { apportion, groupByClass } from './split.js';
import { materialize } from './standardize.js';

/**
 * A seeded random subset of n samples of a fixed data set (stratified by class), for quick sweeps
 * on a slice of MNIST. Rows keep their original order; the name stays, the fingerprint differs.
 */
export function subsample(ds: Dataset, n: number, seed: number): Dataset {
  if (!Number.isInteger(n) || n < 2 || n > ds.n) {
    throw new DataError(
      'dataset.n',
      `must be an integer in 2..${ds.n} for ${ds.name}, got ${JSON.stringify(n)}`,
    );
  }
  assertSeed(seed, 'dataset.seed');
  if (n === ds.n) return ds;
  const rng = createRng(seed, STREAM.subsample);
  const all = Int32Array.from({ length: ds.n }, (_, i) => i);
  const groups = groupByClass(ds, all, ds.task === 'classification');
  // Apportioned across classes, so the subset has exactly n samples and each class its share.
  const takes = apportion(
    n,
    groups.map((group) => group.length / ds.n),
  );
  const kept = groups.flatMap((group, c) =>
    Array.from(shuffle(group.slice(), rng).subarray(0, takes[c])),
  );
  const rows = materialize(ds, Int32Array.from(kept).sort());
  return { ...ds, n: rows.n, x: rows.x, y: rows.y };
}
