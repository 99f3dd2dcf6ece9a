// Matern-5/2 kernel with automatic relevance determination (one length scale per dimension),
// Rasmussen & Williams 2006, eq. 4.17: k(r) = s²(1 + √5 r + 5/3 r²) exp(−√5 r), r² = Σ_d Δ_d²/ℓ_d².
// Hyperparameters travel as one vector θ = [log ℓ_1 … log ℓ_d, log s², log σ²_noise] so the
// optimizer works on an unconstrained scale.

import { rowOffset } from './linalg.js';

export const SQRT5 = Math.sqrt(5);

/** Views of θ for a d-dimensional kernel. */
export interface KernelParams {
  /** 1/ℓ_d² per dimension. */
  invSqLengths: Float64Array;
  signalVar: number;
  noiseVar: number;
}

export function thetaSize(dims: number): number {
  return dims + 2;
}

export function kernelParams(theta: Float64Array, dims: number): KernelParams {
  const invSqLengths = new Float64Array(dims);
  for (let k = 0; k < dims; k++) invSqLengths[k] = Math.exp(-2 * theta[k]);
  return { invSqLengths, signalVar: Math.exp(theta[dims]), noiseVar: Math.exp(theta[dims + 1]) };
}

/** Scaled squared distance Σ_d (a_d − b_d)²/ℓ_d² between rows `ia` of `a` and `ib` of `b`. */
export function scaledSqDist(
  a: Float64Array,
  ia: number,
  b: Float64Array,
  ib: number,
  invSqLengths: Float64Array,
  dims: number,
): number {
  const oa = ia * dims;
  const ob = ib * dims;
  let r2 = 0;
  for (let k = 0; k < dims; k++) {
    const diff = a[oa + k] - b[ob + k];
    r2 += diff * diff * invSqLengths[k];
  }
  return r2;
}

/** Matern-5/2 correlation at squared scaled distance r² (unit signal variance). */
export function matern52(r2: number): number {
  const r = Math.sqrt(r2);
  return (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/**
 * −2 ∂k/∂(r²) for unit signal variance: (5/3)(1 + √5 r) exp(−√5 r). Both the length-scale
 * gradient (∂k/∂log ℓ_d = s² · this · Δ_d²/ℓ_d²) and the input gradient
 * (∂k/∂x_d = −s² · this · Δ_d/ℓ_d²) factor through it, and it has no singularity at r = 0.
 */
export function matern52Slope(r2: number): number {
  const r = Math.sqrt(r2);
  return (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/** Writes rows [from, n) of K = s²·M(X, X) + σ²_noise·I, packed lower-triangular (./linalg.ts). */
export function kernelMatrixRows(
  x: Float64Array,
  n: number,
  dims: number,
  p: KernelParams,
  out: Float64Array,
  from = 0,
): void {
  for (let i = from; i < n; i++) {
    const ri = rowOffset(i);
    for (let j = 0; j < i; j++) {
      out[ri + j] = p.signalVar * matern52(scaledSqDist(x, i, x, j, p.invSqLengths, dims));
    }
    out[ri + i] = p.signalVar + p.noiseVar;
  }
}
