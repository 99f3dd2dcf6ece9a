// Gaussian-process posterior (zero prior mean, Matern-5/2 ARD) for fixed hyperparameters, with
// mean/variance gradients in the input for acquisition refinement. The Cholesky factor is kept
// between calls: when θ is unchanged and the new rows extend the old ones (observations are
// appended in trial order), only the new rows are factored — O(n²) per new observation instead
// of O(n³) — and the result is bit-identical to a fresh factorization (./linalg.ts).

import {
  kernelMatrixRows,
  kernelParams,
  matern52,
  matern52Slope,
  type KernelParams,
} from './kernel.js';
import { cholesky, choleskyRows, packedSize, solveLower, solveUpperT } from './linalg.js';

export interface Prediction {
  mean: number;
  /** Variance of the latent function (observation noise excluded). */
  variance: number;
}

/** Variances below this fraction of the signal variance are rounding noise, not information. */
const MIN_RELATIVE_VARIANCE = 1e-12;

export class GaussianProcess {
  readonly params: KernelParams;
  private n = 0;
  /** Rows of `x` (and of the factor) valid for this θ, possibly beyond n. */
  private factoredRows = 0;
  private jitter = 0;
  private x: Float64Array = new Float64Array(0);
  private k: Float64Array = new Float64Array(0);
  private l: Float64Array = new Float64Array(0);
  private alpha: Float64Array = new Float64Array(0);
  private kvec: Float64Array = new Float64Array(0);
  private slope: Float64Array = new Float64Array(0);
  private w: Float64Array = new Float64Array(0);

  constructor(
    readonly dims: number,
    readonly theta: Float64Array,
  ) {
    this.params = kernelParams(theta, dims);
  }

  get size(): number {
    return this.n;
  }

  /** True when `theta` is exactly this model's θ (so the cached factor can be reused). */
  hasTheta(theta: Float64Array): boolean {
    return theta.length === this.theta.length && theta.every((v, k) => v === this.theta[k]);
  }

  /**
   * Conditions on the n rows of `x` (row-major, n×dims) with outputs `y`. Rows from `observed`
   * on are pending evaluations: their y are replaced by the posterior mean given the first
   * `observed` rows ("kriging believer" fantasies), so the variance collapses around running
   * trials and the next suggestion goes elsewhere, while the mean is left as it was. Those
   * entries of `y` are overwritten with the fantasies.
   */
  condition(x: Float64Array, n: number, y: Float64Array, observed = n): void {
    const d = this.dims;
    this.reserve(n);
    let prefix = 0;
    const limit = Math.min(n, this.factoredRows);
    while (prefix < limit && rowsEqual(this.x, x, prefix, d)) prefix++;
    this.x.set(x.subarray(prefix * d, n * d), prefix * d);
    kernelMatrixRows(this.x, n, d, this.params, this.k, prefix);
    if (this.jitter !== 0 || choleskyRows(this.k, this.l, n, prefix) !== -1) {
      this.jitter = cholesky(this.k, this.l, n);
    }
    this.factoredRows = n;

    const alpha = this.alpha;
    for (let i = 0; i < observed; i++) alpha[i] = y[i];
    this.n = observed;
    solveLower(this.l, observed, alpha);
    solveUpperT(this.l, observed, alpha);
    const out: Prediction = { mean: 0, variance: 0 };
    for (let i = observed; i < n; i++) {
      this.predict(x.subarray(i * d, (i + 1) * d), out);
      y[i] = out.mean;
    }
    for (let i = 0; i < n; i++) alpha[i] = y[i];
    this.n = n;
    solveLower(this.l, n, alpha);
    solveUpperT(this.l, n, alpha);
  }

  /**
   * Posterior at `point`; with `gradMean`/`gradVar` also writes ∂mean/∂x and ∂variance/∂x
   * (∂k_i/∂x_d = −s² · slope(r_i²) · (x_d − X_id)/ℓ_d²).
   */
  predict(
    point: Float64Array,
    out: Prediction,
    gradMean?: Float64Array,
    gradVar?: Float64Array,
  ): Prediction {
    const { n, dims: d, x } = this;
    const { invSqLengths: inv, signalVar } = this.params;
    const kvec = this.kvec;
    const slope = this.slope;
    const w = this.w;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const oi = i * d;
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const diff = point[k] - x[oi + k];
        r2 += diff * diff * inv[k];
      }
      kvec[i] = signalVar * matern52(r2);
      if (gradMean) slope[i] = signalVar * matern52Slope(r2);
      mean += kvec[i] * this.alpha[i];
      w[i] = kvec[i];
    }
    solveLower(this.l, n, w);
    let explained = 0;
    for (let i = 0; i < n; i++) explained += w[i] * w[i];
    out.mean = mean;
    out.variance = Math.max(signalVar - explained, MIN_RELATIVE_VARIANCE * signalVar);
    if (!gradMean || !gradVar) return out;

    solveUpperT(this.l, n, w); // w = K⁻¹k
    gradMean.fill(0);
    gradVar.fill(0);
    for (let i = 0; i < n; i++) {
      const oi = i * d;
      const cm = -slope[i] * this.alpha[i];
      const cv = 2 * slope[i] * w[i]; // ∂var = −2 (K⁻¹k)ᵀ ∂k
      for (let k = 0; k < d; k++) {
        const t = (point[k] - x[oi + k]) * inv[k];
        gradMean[k] += cm * t;
        gradVar[k] += cv * t;
      }
    }
    return out;
  }

  private reserve(n: number): void {
    if (this.kvec.length >= n) return;
    const capacity = Math.max(n, 2 * this.kvec.length, 16);
    this.x = grow(this.x, capacity * this.dims);
    this.k = grow(this.k, packedSize(capacity));
    this.l = grow(this.l, packedSize(capacity));
    this.alpha = new Float64Array(capacity);
    this.kvec = new Float64Array(capacity);
    this.slope = new Float64Array(capacity);
    this.w = new Float64Array(capacity);
  }
}

function grow(buffer: Float64Array, size: number): Float64Array {
  const next = new Float64Array(size);
  next.set(buffer);
  return next;
}

function rowsEqual(a: Float64Array, b: Float64Array, row: number, dims: number): boolean {
  const o = row * dims;
  for (let k = 0; k < dims; k++) if (a[o + k] !== b[o + k]) return false;
  return true;
}
