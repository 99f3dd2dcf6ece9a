// The Parzen estimator of TPE (Watanabe 2023, "Tree-structured Parzen estimator: understanding its
// algorithm components and their roles for better empirical performance", arXiv:2304.11127, §2-3;
// the reference is Optuna's `_ParzenEstimator`): a weighted mixture of product kernels, one per
// observation plus a prior kernel, over a group of parameters in the compact unit cube
// (../encoding.ts). Numeric dimensions get a normal kernel truncated to [0, 1] (ints and stepped
// floats: its mass on the value's cell, the cells tiling [0, 1] exactly as Optuna widens the range
// by half a step); categorical dimensions get "1 on the observed choice plus priorWeight / kernels
// on every choice", normalized. The prior kernel is N(0.5, 1) / uniform choices.

import { LOG_SQRT_2PI } from '../gp/normal.js';
import type { Rng } from '../rng.js';

/** How one dimension of the group is modelled. */
export type ParzenDim =
  | { readonly kind: 'continuous' }
  | { readonly kind: 'discrete'; readonly levels: number }
  | { readonly kind: 'categorical'; readonly choices: number };

export interface ParzenOptions {
  /** Weight of the prior kernel relative to an observation's (Optuna: 1.0). */
  readonly priorWeight: number;
  /** Bandwidths at least range / min(100, kernels + 1) (Bergstra et al. 2011's "magic clip"). */
  readonly magicClip: boolean;
  /** Univariate only: the extreme kernels' bandwidth includes the distance to the bound. */
  readonly endpoints: boolean;
  /** Product kernels over the group's dimensions (else the group is one dimension). */
  readonly multivariate: boolean;
  /**
   * 'optuna': multivariate kernels share the Scott-like 0.2 · n^(−1/(d+4)), univariate ones take
   * neighbour distances; 'hyperopt': neighbour distances in both modes (Watanabe 2023, Table 6).
   */
  readonly bandwidth: 'optuna' | 'hyperopt';
}

/** Multivariate bandwidth 0.2 · n^(−1/(d+4)) of the range (Optuna's SIGMA0_MAGNITUDE). */
const SIGMA0_MAGNITUDE = 0.2;
/** The magic clip's cap on the number of kernels the range is divided by (Optuna). */
const MAGIC_CLIP_MAX_KERNELS = 100;
/** Tries of rejection sampling from a truncated normal before clipping (acceptance >= 34%). */
const MAX_REJECTIONS = 64;
const LOG_TINY = -745;
/** exp(−50) · 10⁶ kernels < 2e-16: such terms cannot change a log-sum-exp in double precision. */
const NEGLIGIBLE = 50;
/** Below this a product of per-dimension normalizers is moved into log space. */
const UNDERFLOW_GUARD = 1e-200;
const TINY = Number.MIN_VALUE;
/** logPdfMany's kernels × points terms and dims × points copy of the points, shared by all
 * estimators (nothing re-enters it). */
let scratch = new Float64Array(0);
let columns = new Float64Array(0);

export class ParzenEstimator {
  /** Number of kernels: observations plus the prior. */
  kernels = 0;
  /** Per categorical dimension: kernels × choices log probabilities (else empty). */
  readonly logProbs: Float64Array[];
  /** Dimension indices by kind, so the density loop does not branch per dimension. */
  private readonly continuous: Int32Array;
  private readonly discrete: Int32Array;
  private readonly categorical: Int32Array;
  // Buffers sized for `capacity` kernels, reused by every fit that fits in them: mixture weights
  // (normalized); per kernel × dimension (row-major) means, bandwidths, their inverses and log
  // truncation masses (discrete only); per kernel the log-pdf's constant (log weight minus the
  // continuous dimensions' normalizers) and the product those normalizers are gathered in.
  private capacity = 0;
  private w = new Float64Array(0);
  private mu = new Float64Array(0);
  private sigma = new Float64Array(0);
  private invSigmas = new Float64Array(0);
  private logZ = new Float64Array(0);
  private base = new Float64Array(0);
  private norm = new Float64Array(0);

  /** See `fit` for `observations` and `weights`. */
  constructor(
    readonly dims: readonly ParzenDim[],
    observations: Float64Array,
    weights: ArrayLike<number>,
    private readonly options: ParzenOptions,
  ) {
    const ofKind = (kind: ParzenDim['kind']) =>
      Int32Array.from(dims.flatMap((dim, j) => (dim.kind === kind ? [j] : [])));
    this.continuous = ofKind('continuous');
    this.discrete = ofKind('discrete');
    this.categorical = ofKind('categorical');
    this.logProbs = dims.map(() => new Float64Array(0));
    this.fit(observations, weights);
  }

  /** Mixture weights, normalized (the prior's last). */
  get weights(): Float64Array {
    return this.w.subarray(0, this.kernels);
  }

  /** Kernel means and bandwidths, kernels × dims row-major (the prior's row last). */
  get mus(): Float64Array {
    return this.mu.subarray(0, this.kernels * this.dims.length);
  }

  get sigmas(): Float64Array {
    return this.sigma.subarray(0, this.kernels * this.dims.length);
  }

  /**
   * Refits the estimator in place (an ask refits the same two per parameter group, so their
   * buffers are allocated once). `observations`: n points of the group in the compact cube,
   * row-major n × dims (categoricals as cell centers); `weights`: n non-negative observation
   * weights before the prior's is appended.
   */
  fit(observations: Float64Array, weights: ArrayLike<number>): this {
    const { dims, options } = this;
    const d = dims.length;
    const n = d === 0 ? 0 : observations.length / d;
    const k = n + 1;
    this.kernels = k;
    if (k > this.capacity) {
      const cap = Math.max(k, 2 * this.capacity);
      this.capacity = cap;
      [this.w, this.base, this.norm] = [0, 0, 0].map(() => new Float64Array(cap));
      [this.mu, this.sigma, this.invSigmas, this.logZ] = [0, 0, 0, 0].map(
        () => new Float64Array(cap * d),
      );
    }
    const { w, base, norm, mu: mus, sigma: sigmas, invSigmas, logZ } = this;
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i] = weights[i];
    w[n] = n === 0 ? 1 : options.priorWeight;
    total += w[n];
    for (let i = 0; i < k; i++) {
      w[i] /= total;
      base[i] = w[i] > 0 ? Math.log(w[i]) : LOG_TINY;
      // Per kernel, the product of the continuous dimensions' σ · truncation mass, so one log
      // per kernel normalizes them all; folded into `base` before it could underflow.
      norm[i] = 1;
    }
    const minSigma = options.magicClip ? 1 / Math.min(MAGIC_CLIP_MAX_KERNELS, 1 + k) : 1e-12;
    const scott = SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (d + 4));
    for (let j = 0; j < d; j++) {
      const dim = dims[j];
      if (dim.kind === 'categorical') {
        this.logProbs[j] = categoricalLogProbs(
          observations,
          d,
          j,
          dim.choices,
          options.priorWeight,
        );
        continue;
      }
      const neighbours =
        options.multivariate && options.bandwidth === 'optuna'
          ? null
          : neighbourSigmas(observations, d, j, options.endpoints);
      for (let i = 0; i < k; i++) {
        const mu = i < n ? observations[i * d + j] : 0.5;
        const sigma = i < n ? Math.min(1, Math.max(minSigma, neighbours?.[i] ?? scott)) : 1;
        const at = i * d + j;
        mus[at] = mu;
        sigmas[at] = sigma;
        invSigmas[at] = 1 / sigma;
        const mass = Math.max(normalMass((0 - mu) / sigma, (1 - mu) / sigma), TINY);
        if (dim.kind === 'discrete') logZ[at] = Math.log(mass);
        else if ((norm[i] *= sigma * mass) < UNDERFLOW_GUARD) {
          base[i] -= Math.log(norm[i]);
          norm[i] = 1;
        }
      }
    }
    for (let i = 0; i < k; i++)
      base[i] -= Math.log(norm[i]) + this.continuous.length * LOG_SQRT_2PI;
    return this;
  }

  /** Draws one point into `out` (length = dims): a kernel by weight, then each dimension from it. */
  sample(rng: Rng, out: Float64Array): void {
    let u = rng.uniform();
    let i = 0;
    while (i < this.kernels - 1 && u >= this.w[i]) u -= this.w[i++];
    const d = this.dims.length;
    for (let j = 0; j < d; j++) {
      const dim = this.dims[j];
      if (dim.kind === 'categorical') {
        const probs = this.logProbs[j];
        let v = rng.uniform();
        let c = 0;
        while (c < dim.choices - 1 && v >= Math.exp(probs[i * dim.choices + c])) {
          v -= Math.exp(probs[i * dim.choices + c++]);
        }
        out[j] = (c + 0.5) / dim.choices;
        continue;
      }
      const x = truncatedNormal(rng, this.mu[i * d + j], this.sigma[i * d + j]);
      out[j] = dim.kind === 'discrete' ? cellCenter(x, dim.levels) : x;
    }
  }

  /** log of the mixture density (mass, on discrete and categorical dimensions) at one point. */
  logPdf(x: ArrayLike<number>): number {
    const out = new Float64Array(1);
    this.logPdfMany(Float64Array.from(x), out);
    return out[0];
  }

  /**
   * log densities of `out.length` points stored row-major in `xs` (points × dims), written into
   * `out`. Kernel-major, each kernel's (μ, 1/σ) read once per dimension for all points, so the
   * inner loop runs over the points without branching; no allocation once the scratch has grown.
   */
  logPdfMany(xs: Float64Array, out: Float64Array): void {
    const d = this.dims.length;
    const m = out.length;
    const k = this.kernels;
    if (scratch.length < k * m) scratch = new Float64Array(k * m);
    if (columns.length < d * m) columns = new Float64Array(d * m);
    for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) columns[j * m + c] = xs[c * d + j];
    const { mu: mus, invSigmas, continuous, discrete, categorical, base } = this;
    out.fill(-Infinity); // the maximum of each point's terms, then its log-sum-exp
    for (let i = 0; i < k; i++) {
      const row = i * d;
      const at = i * m;
      for (let c = 0; c < m; c++) scratch[at + c] = base[i];
      for (let t = 0; t < continuous.length; t++) {
        const j = continuous[t];
        const mu = mus[row + j];
        const inv = invSigmas[row + j];
        const col = j * m;
        for (let c = 0; c < m; c++) {
          const z = (columns[col + c] - mu) * inv;
          scratch[at + c] -= 0.5 * z * z;
        }
      }
      for (let t = 0; t < discrete.length; t++) {
        const j = discrete[t];
        const half = 0.5 / (this.dims[j] as { levels: number }).levels;
        const mu = mus[row + j];
        const inv = invSigmas[row + j];
        const col = j * m;
        for (let c = 0; c < m; c++) {
          const x = columns[col + c];
          scratch[at + c] +=
            logNormalMass((x - half - mu) * inv, (x + half - mu) * inv) - this.logZ[row + j];
        }
      }
      for (let t = 0; t < categorical.length; t++) {
        const j = categorical[t];
        const choices = (this.dims[j] as { choices: number }).choices;
        const col = j * m;
        for (let c = 0; c < m; c++)
          scratch[at + c] += this.logProbs[j][i * choices + categoryOf(columns[col + c], choices)];
      }
      for (let c = 0; c < m; c++) if (scratch[at + c] > out[c]) out[c] = scratch[at + c];
    }
    for (let c = 0; c < m; c++) {
      const max = out[c];
      if (max === -Infinity) continue;
      // Terms more than NEGLIGIBLE below the largest add under 1e-16 in all: exp is skipped.
      let sum = 0;
      for (let i = 0; i < k; i++) {
        const t = scratch[i * m + c] - max;
        if (t > -NEGLIGIBLE) sum += Math.exp(t);
      }
      out[c] = max + Math.log(sum);
    }
  }
}

function categoryOf(u: number, choices: number): number {
  return Math.min(choices - 1, Math.floor(u * choices));
}

function cellCenter(u: number, levels: number): number {
  return (Math.min(levels - 1, Math.floor(u * levels)) + 0.5) / levels;
}

/** Kernels × choices log probabilities of column j; the last row (the prior) is uniform. */
function categoricalLogProbs(
  observations: Float64Array,
  d: number,
  j: number,
  choices: number,
  priorWeight: number,
): Float64Array {
  const n = observations.length / d;
  const k = n + 1;
  const out = new Float64Array(k * choices);
  for (let i = 0; i < k; i++) {
    const fill = n === 0 ? 1 : priorWeight / k;
    const observed = i < n ? categoryOf(observations[i * d + j], choices) : -1;
    const total = fill * choices + (observed >= 0 ? 1 : 0);
    for (let c = 0; c < choices; c++) {
      const p = (fill + (c === observed ? 1 : 0)) / total;
      out[i * choices + c] = p > 0 ? Math.log(p) : LOG_TINY;
    }
  }
  return out;
}

/**
 * Univariate bandwidths (Bergstra et al. 2011, as Optuna): each observation's larger distance to its
 * neighbours among the sorted observations, the prior mean 0.5 and the bounds 0 and 1; without
 * `endpoints` the extreme kernels use their inner neighbour's distance instead of the bound's.
 */
function neighbourSigmas(
  observations: Float64Array,
  d: number,
  j: number,
  endpoints: boolean,
): Float64Array {
  const n = observations.length / d;
  const mus = Array.from({ length: n + 1 }, (_, i) => (i < n ? observations[i * d + j] : 0.5));
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const padded = [0, ...order.map((i) => mus[i]), 1];
  const sorted = new Float64Array(order.length);
  for (let r = 0; r < order.length; r++) {
    sorted[r] = Math.max(padded[r + 1] - padded[r], padded[r + 2] - padded[r + 1]);
  }
  if (!endpoints && padded.length >= 4) {
    sorted[0] = padded[2] - padded[1];
    sorted[order.length - 1] = padded[padded.length - 2] - padded[padded.length - 3];
  }
  const sigmas = new Float64Array(n);
  order.forEach((i, r) => {
    if (i < n) sigmas[i] = sorted[r];
  });
  return sigmas;
}

/**
 * erfc with relative error below 1.2e-7 (Press et al., Numerical Recipes in C, 2nd ed., §6.2,
 * `erfcc`): a ratio of densities needs no more, and the estimator evaluates it for every kernel
 * and bound, where ../gp/normal.ts's series would cost most of an ask at 1,000 trials.
 */
function erfcFast(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ(z) = erfc(−z/√2) / 2. */
function cdf(z: number): number {
  return 0.5 * erfcFast(-z * Math.SQRT1_2);
}

/** Φ(b) − Φ(a) for a < b, computed in the tail where it has precision. */
function normalMass(a: number, b: number): number {
  return a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
}

/** log(Φ(b) − Φ(a)) for a < b. */
export function logNormalMass(a: number, b: number): number {
  const mass = normalMass(a, b);
  return mass > 0 ? Math.log(mass) : LOG_TINY;
}

/** N(mu, sigma) conditioned on [0, 1], by rejection (clipped after MAX_REJECTIONS misses). */
function truncatedNormal(rng: Rng, mu: number, sigma: number): number {
  let x = mu;
  for (let t = 0; t < MAX_REJECTIONS; t++) {
    x = mu + sigma * rng.normal();
    if (x >= 0 && x <= 1) return x;
  }
  return Math.min(1, Math.max(0, x));
}
