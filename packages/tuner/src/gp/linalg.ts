// Dense symmetric positive-definite algebra on Float64Array buffers the caller owns. Symmetric
// and lower-triangular matrices are stored packed by rows (element (i, j), j ≤ i, at
// i(i+1)/2 + j), so the layout of the first rows does not depend on n and a factor can grow. The
// Cholesky factor is computed row by row (Cholesky–Banachiewicz): row i depends only on rows < i,
// so appending observations extends a cached factor with exactly the floating-point operations a
// full factorization would do — a cached factor and a fresh one are bit-identical.

/** Offset of row i in packed lower-triangular storage. */
export function rowOffset(i: number): number {
  return (i * (i + 1)) / 2;
}

export function packedSize(n: number): number {
  return rowOffset(n);
}

/**
 * Factors rows [from, n) of the packed symmetric `a` into the packed lower-triangular `l` (rows
 * < from must already hold the factor of the leading block), adding `jitter` to the diagonal.
 * Returns the first row whose pivot is not positive, or -1 on success.
 */
export function choleskyRows(
  a: Float64Array,
  l: Float64Array,
  n: number,
  from = 0,
  jitter = 0,
): number {
  for (let i = from; i < n; i++) {
    const ri = rowOffset(i);
    for (let j = 0; j <= i; j++) {
      const rj = rowOffset(j);
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (j === i) {
        s += jitter;
        if (!(s > 0)) return i;
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j];
      }
    }
  }
  return -1;
}

/** Jitter ladder tried when a factorization fails, relative to the mean diagonal. */
const JITTERS = [0, 1e-10, 1e-8, 1e-6, 1e-4];

/**
 * Factors `a` fully, retrying with growing diagonal jitter when it is numerically singular.
 * Returns the jitter that succeeded; throws when even the largest fails (e.g. NaN entries).
 */
export function cholesky(a: Float64Array, l: Float64Array, n: number): number {
  let diag = 0;
  for (let i = 0; i < n; i++) diag += a[rowOffset(i) + i];
  const scale = n > 0 ? diag / n : 1;
  for (const rel of JITTERS) {
    const jitter = rel * scale;
    if (choleskyRows(a, l, n, 0, jitter) === -1) return jitter;
  }
  throw new Error('cholesky: matrix is not positive definite even with jitter');
}

/** Solves L x = b in place (b becomes x). */
export function solveLower(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = rowOffset(i);
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
}

/** Solves Lᵀ x = b in place, walking rows of L so the inner loop stays unit-stride. */
export function solveUpperT(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    const ri = rowOffset(i);
    const xi = b[i] / l[ri + i];
    b[i] = xi;
    for (let k = 0; k < i; k++) b[k] -= l[ri + k] * xi;
  }
}

/** Solves (L Lᵀ) x = b in place. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  solveLower(l, n, b);
  solveUpperT(l, n, b);
}

/**
 * Writes (L Lᵀ)⁻¹ into `out` (full symmetric n×n, row-major) using `work` (n×n) for
 * U = (L⁻¹)ᵀ, whose rows are the columns of L⁻¹, so both passes read unit-stride rows.
 */
export function choleskyInverse(
  l: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array,
): void {
  // Column j of L⁻¹ by forward substitution from row j (entries above j are zero).
  for (let j = 0; j < n; j++) {
    const uj = j * n;
    for (let i = 0; i < j; i++) work[uj + i] = 0;
    for (let i = j; i < n; i++) {
      const ri = rowOffset(i);
      let s = i === j ? 1 : 0;
      for (let k = j; k < i; k++) s -= l[ri + k] * work[uj + k];
      work[uj + i] = s / l[ri + i];
    }
  }
  // K⁻¹ = L⁻ᵀ L⁻¹: (i, j) = Σ_{k ≥ max(i,j)} U[i][k] U[j][k].
  for (let i = 0; i < n; i++) {
    const ui = i * n;
    for (let j = 0; j <= i; j++) {
      const uj = j * n;
      let s = 0;
      for (let k = i; k < n; k++) s += work[ui + k] * work[uj + k];
      out[ui + j] = s;
      out[uj + i] = s;
    }
  }
}
