import type { Dataset, ImageShape } from './dataset.js';
import { DataError, TestSetSealedError } from './errors.js';
import { SealedTestSet } from './test-set-guard.js';

export interface Standardizer {
  mean: Float32Array;
  std: Float32Array;
}

export interface Materialized {
  x: Float32Array;
  y: Float32Array;
  n: number;
  features: number;
  /** The data set's image shape, when it has one. */
  shape?: ImageShape;
}

/** Rejects anything but in-range sample indices, and the sealed test set by name. */
export function assertIndices(
  ds: Dataset,
  indices: unknown,
  field: string,
): asserts indices is Int32Array {
  if (indices instanceof SealedTestSet) throw new TestSetSealedError(`reading ${field}`);
  if (!(indices instanceof Int32Array)) {
    throw new DataError(field, 'must be an Int32Array of sample indices');
  }
  for (const i of indices) {
    if (i < 0 || i >= ds.n) throw new DataError(field, `index ${i} is outside 0..${ds.n - 1}`);
  }
}

/**
 * Per-feature mean and standard deviation over the given rows: fit it on the training split only,
 * so nothing of validation or test leaks into the scaling. A constant feature (MNIST's border
 * pixels) gets std 1, so it maps to 0 instead of dividing by zero.
 */
export function fitStandardizer(ds: Dataset, indices: Int32Array): Standardizer {
  assertIndices(ds, indices, 'indices');
  if (indices.length === 0) throw new DataError('indices', 'must not be empty');
  const { features, x } = ds;
  // Float64 sums: float32 loses digits summing thousands of rows.
  const sum = new Float64Array(features);
  const sumSquares = new Float64Array(features);
  for (const i of indices) {
    const row = i * features;
    for (let f = 0; f < features; f++) {
      const value = x[row + f];
      sum[f] += value;
      sumSquares[f] += value * value;
    }
  }
  const mean = new Float32Array(features);
  const std = new Float32Array(features);
  for (let f = 0; f < features; f++) {
    const m = sum[f] / indices.length;
    const variance = Math.max(0, sumSquares[f] / indices.length - m * m);
    mean[f] = m;
    std[f] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { mean, std };
}

/** Copies the given rows into fresh buffers, standardized when a standardizer is given. */
export function materialize(
  ds: Dataset,
  indices: Int32Array,
  standardizer?: Standardizer,
): Materialized {
  assertIndices(ds, indices, 'indices');
  const { features } = ds;
  if (
    standardizer &&
    (standardizer.mean.length !== features || standardizer.std.length !== features)
  ) {
    throw new DataError(
      'standardizer',
      `must have ${features} features, got ${standardizer.mean.length}`,
    );
  }
  const x = new Float32Array(indices.length * features);
  const y = new Float32Array(indices.length);
  indices.forEach((i, row) => {
    const source = ds.x.subarray(i * features, (i + 1) * features);
    if (standardizer) {
      for (let f = 0; f < features; f++) {
        x[row * features + f] = (source[f] - standardizer.mean[f]) / standardizer.std[f];
      }
    } else {
      x.set(source, row * features);
    }
    y[row] = ds.y[i];
  });
  return { x, y, n: indices.length, features, ...(ds.shape && { shape: ds.shape }) };
}
