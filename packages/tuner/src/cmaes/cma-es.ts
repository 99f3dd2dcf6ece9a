// CMA-ES on the unit cube, after N. Hansen, "The CMA Evolution Strategy: A Tutorial" (2016,
// arXiv:1604.00772), Table 1 defaults with positive recombination weights and the stalling
// indicator h_σ of Appendix A. The whole state is plain JSON data (mean, step size, covariance,
// evolution paths, its eigendecomposition, generation), so any worker can continue a run.

import type { Rng } from '../rng.js';

export interface CmaEsState {
  readonly dims: number;
  readonly mean: number[];
  readonly sigma: number;
  /** Covariance C, row-major dims×dims. */
  readonly cov: number[];
  readonly pathSigma: number[];
  readonly pathC: number[];
  /** Eigenvectors of C as columns (row-major dims×dims) and the square roots of its eigenvalues. */
  readonly eigenvectors: number[];
  readonly axisLengths: number[];
  readonly generation: number;
}

/** Strategy constants derived from the dimension and population size (Hansen 2016, Table 1). */
export interface CmaEsConstants {
  readonly lambda: number;
  readonly mu: number;
  readonly weights: readonly number[];
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  readonly c1: number;
  readonly cMu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
}

/** Default population size λ = 4 + ⌊3 ln n⌋ (Hansen 2016, eq. 48). */
export function defaultPopulationSize(dims: number): number {
  return 4 + Math.floor(3 * Math.log(dims));
}

export function cmaEsConstants(dims: number, lambda = defaultPopulationSize(dims)): CmaEsConstants {
  const n = dims;
  const mu = Math.floor(lambda / 2);
  // w'_i = ln((λ+1)/2) − ln i for the μ best, normalized to sum 1 (eq. 49, positive part).
  const raw = Array.from({ length: mu }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / sum);
  const muEff = 1 / weights.reduce((a, w) => a + w * w, 0);
  const cSigma = (muEff + 2) / (n + muEff + 5); // eq. 55
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma; // eq. 55
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n); // eq. 56
  const c1 = 2 / ((n + 1.3) ** 2 + muEff); // eq. 57, α_cov = 2
  const cMu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff)); // eq. 58
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { lambda, mu, weights, muEff, cSigma, dSigma, cc, c1, cMu, chiN };
}

export function initialCmaEsState(mean: ArrayLike<number>, sigma: number): CmaEsState {
  const n = mean.length;
  const identity = identityMatrix(n);
  return {
    dims: n,
    mean: Array.from(mean),
    sigma,
    cov: identity,
    pathSigma: new Array<number>(n).fill(0),
    pathC: new Array<number>(n).fill(0),
    eigenvectors: identity.slice(),
    axisLengths: new Array<number>(n).fill(1),
    generation: 0,
  };
}

/** Draws outside the cube are redrawn this many times before being clipped onto it. */
const MAX_RESAMPLES = 100;

/** x = m + σ B D z with z ~ N(0, I), redrawn while it leaves [0, 1]^n (then clipped). */
export function sampleCmaEs(state: CmaEsState, rng: Rng): Float64Array {
  const { dims: n, mean, sigma, eigenvectors: b, axisLengths: dd } = state;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  for (let attempt = 0; attempt <= MAX_RESAMPLES; attempt++) {
    for (let k = 0; k < n; k++) z[k] = dd[k] * rng.normal();
    let inside = true;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * z[k];
      x[i] = mean[i] + sigma * s;
      if (x[i] < 0 || x[i] > 1) inside = false;
    }
    if (inside) return x;
  }
  for (let i = 0; i < n; i++) x[i] = Math.min(1, Math.max(0, x[i]));
  return x;
}

/**
 * The next generation's state from this generation's points, best first (at least μ of them;
 * only the μ best are used). Hansen 2016, eqs. 39–47 with c_m = 1.
 */
export function updateCmaEs(
  state: CmaEsState,
  c: CmaEsConstants,
  ranked: readonly ArrayLike<number>[],
): CmaEsState {
  if (ranked.length < c.mu) {
    throw new RangeError(`updateCmaEs needs at least mu = ${c.mu} points, got ${ranked.length}`);
  }
  const { dims: n, mean, sigma, cov, eigenvectors: b, axisLengths: dd } = state;
  const steps = ranked.slice(0, c.mu).map((x) => Array.from(mean, (m, i) => (x[i] - m) / sigma));
  const yw = new Array<number>(n).fill(0);
  steps.forEach((y, r) => y.forEach((v, i) => (yw[i] += c.weights[r] * v)));
  const newMean = mean.map((m, i) => m + sigma * yw[i]);

  // C^{-1/2} y_w = B D⁻¹ Bᵀ y_w
  const bty = Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += b[i * n + k] * yw[i];
    return s / dd[k];
  });
  const invSqrtY = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += b[i * n + k] * bty[k];
    return s;
  });
  const sigmaScale = Math.sqrt(c.cSigma * (2 - c.cSigma) * c.muEff);
  const pathSigma = state.pathSigma.map((p, i) => (1 - c.cSigma) * p + sigmaScale * invSqrtY[i]);
  const psNorm = Math.hypot(...pathSigma);
  const newSigma = sigma * Math.exp((c.cSigma / c.dSigma) * (psNorm / c.chiN - 1));

  const g = state.generation + 1;
  const hSigma =
    psNorm / Math.sqrt(1 - (1 - c.cSigma) ** (2 * g)) < (1.4 + 2 / (n + 1)) * c.chiN ? 1 : 0;
  const cScale = hSigma * Math.sqrt(c.cc * (2 - c.cc) * c.muEff);
  const pathC = state.pathC.map((p, i) => (1 - c.cc) * p + cScale * yw[i]);
  const deltaH = (1 - hSigma) * c.cc * (2 - c.cc);

  const keep = 1 + c.c1 * deltaH - c.c1 - c.cMu; // Σw = 1
  const newCov = cov.slice();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rankMu = 0;
      steps.forEach((y, r) => (rankMu += c.weights[r] * y[i] * y[j]));
      newCov[i * n + j] = keep * cov[i * n + j] + c.c1 * pathC[i] * pathC[j] + c.cMu * rankMu;
    }
  }
  const { vectors, values } = symmetricEigen(newCov, n);
  return {
    dims: n,
    mean: newMean,
    sigma: newSigma,
    cov: newCov,
    pathSigma,
    pathC,
    eigenvectors: vectors,
    axisLengths: values.map((v) => Math.sqrt(Math.max(v, 1e-20))),
    generation: g,
  };
}

/** Cyclic Jacobi eigendecomposition of a symmetric matrix (Golub & Van Loan 2013, §8.5). */
export function symmetricEigen(
  m: readonly number[],
  n: number,
): { vectors: number[]; values: number[] } {
  const a = m.slice();
  const v = identityMatrix(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = cos * akp - sin * akq;
          a[k * n + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = cos * apk - sin * aqk;
          a[q * n + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = cos * vkp - sin * vkq;
          v[k * n + q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  return { vectors: v, values: Array.from({ length: n }, (_, k) => a[k * n + k]) };
}

function identityMatrix(n: number): number[] {
  return Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
}
