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
import {
  cholesky,
  choleskyRows,
  packedSize,
  rowOffset,
  solveLower,
  solveUpperT,
} from './linalg.js';

export interface Prediction {
  mean: number;
  /** Variance of the latent function (observation noise excluded). */
  variance: number;
}

/** Candidates solved together by predictMany (its unrolled loop is written for eight). */
const BLOCK = 8;

/** Variances below this fraction of the signal variance are rounding noise, not information. */
const MIN_RELATIVE_VARIANCE = 1e-10;

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
  private block: Float64Array = new Float64Array(0);

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
    const floor = MIN_RELATIVE_VARIANCE * signalVar;
    out.variance = Math.max(signalVar - explained, floor);
    if (!gradMean || !gradVar) return out;
    const floored = out.variance === floor;

    solveUpperT(this.l, n, w); // w = K⁻¹k
    gradMean.fill(0);
    gradVar.fill(0);
    for (let i = 0; i < n; i++) {
      const oi = i * d;
      const cm = -slope[i] * this.alpha[i];
      const cv = floored ? 0 : 2 * slope[i] * w[i]; // ∂var = −2 (K⁻¹k)ᵀ ∂k; flat at the floor
      for (let k = 0; k < d; k++) {
        const t = (point[k] - x[oi + k]) * inv[k];
        gradMean[k] += cm * t;
        gradVar[k] += cv * t;
      }
    }
    return out;
  }

  /**
   * Posterior means and variances at the `count` rows of `points`. Candidates go through the
   * triangular solve eight at a time, so each row of the factor is read from memory once per
   * eight candidates instead of once per candidate: scoring many candidates is memory-bound.
   */
  predictMany(
    points: Float64Array,
    count: number,
    means: Float64Array,
    variances: Float64Array,
  ): void {
    const { n, dims: d, x, l, alpha } = this;
    const { invSqLengths: inv, signalVar } = this.params;
    const w =
      this.block.length >= n * BLOCK ? this.block : (this.block = new Float64Array(n * BLOCK));
    for (let c0 = 0; c0 < count; c0 += BLOCK) {
      for (let b = 0; b < BLOCK; b++) {
        // A short last block repeats its last candidate; the copies are computed and dropped.
        const op = Math.min(c0 + b, count - 1) * d;
        let mean = 0;
        for (let i = 0; i < n; i++) {
          const oi = i * d;
          let r2 = 0;
          for (let k = 0; k < d; k++) {
            const diff = points[op + k] - x[oi + k];
            r2 += diff * diff * inv[k];
          }
          const kv = signalVar * matern52(r2);
          w[i * BLOCK + b] = kv;
          mean += kv * alpha[i];
        }
        if (c0 + b < count) means[c0 + b] = mean;
      }
      let e0 = 0,
        e1 = 0,
        e2 = 0,
        e3 = 0,
        e4 = 0,
        e5 = 0,
        e6 = 0,
        e7 = 0;
      for (let i = 0; i < n; i++) {
        const ri = rowOffset(i);
        const o = i * BLOCK;
        let a0 = w[o],
          a1 = w[o + 1],
          a2 = w[o + 2],
          a3 = w[o + 3];
        let a4 = w[o + 4],
          a5 = w[o + 5],
          a6 = w[o + 6],
          a7 = w[o + 7];
        for (let k = 0; k < i; k++) {
          const lik = l[ri + k];
          const ok = k * BLOCK;
          a0 -= lik * w[ok];
          a1 -= lik * w[ok + 1];
          a2 -= lik * w[ok + 2];
          a3 -= lik * w[ok + 3];
          a4 -= lik * w[ok + 4];
          a5 -= lik * w[ok + 5];
          a6 -= lik * w[ok + 6];
          a7 -= lik * w[ok + 7];
        }
        const inv_ = 1 / l[ri + i];
        a0 *= inv_;
        a1 *= inv_;
        a2 *= inv_;
        a3 *= inv_;
        a4 *= inv_;
        a5 *= inv_;
        a6 *= inv_;
        a7 *= inv_;
        w[o] = a0;
        w[o + 1] = a1;
        w[o + 2] = a2;
        w[o + 3] = a3;
        w[o + 4] = a4;
        w[o + 5] = a5;
        w[o + 6] = a6;
        w[o + 7] = a7;
        e0 += a0 * a0;
        e1 += a1 * a1;
        e2 += a2 * a2;
        e3 += a3 * a3;
        e4 += a4 * a4;
        e5 += a5 * a5;
        e6 += a6 * a6;
        e7 += a7 * a7;
      }
      const explained = [e0, e1, e2, e3, e4, e5, e6, e7];
      for (let b = 0; b < BLOCK && c0 + b < count; b++) {
        variances[c0 + b] = Math.max(signalVar - explained[b], MIN_RELATIVE_VARIANCE * signalVar);
      }
    }
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
