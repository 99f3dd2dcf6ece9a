import { describe, expect, it } from 'vitest';
import { unitCube } from '../src/gp/acquisition.js';
import { BayesianOptimizer } from '../src/gp/bayes-opt.js';
import { negLogPosterior } from '../src/gp/fit.js';
import { GaussianProcess, type Prediction } from '../src/gp/gaussian-process.js';
import { matern52 } from '../src/gp/kernel.js';
import { minimizeBox } from '../src/gp/lbfgs.js';
import {
  cholesky,
  choleskyInverse,
  choleskyRows,
  choleskySolve,
  packedSize,
} from '../src/gp/linalg.js';
import { logExpectedImprovement, type LogEiValue } from '../src/gp/log-ei.js';
import { erfc, normalCdf, normalPdf } from '../src/gp/normal.js';
import { fitYeoJohnson, transformOutputs, yeoJohnson } from '../src/gp/output-transform.js';
import { Rng } from '../src/rng.js';

// A = L Lᵀ with L = [[2,0,0],[1,3,0],[-1,1,2]], packed lower-triangular by rows.
const A = Float64Array.from([4, 2, 10, -2, 2, 6]);
const L = [2, 1, 3, -1, 1, 2];

describe('Cholesky', () => {
  it('factors a 3x3 fixture and solves A x = b', () => {
    const l = new Float64Array(packedSize(3));
    expect(cholesky(A, l, 3)).toBe(0);
    L.forEach((v, k) => expect(l[k]).toBeCloseTo(v, 14));
    const b = Float64Array.from([2, 28, 20]); // A · [1, 2, 3]
    choleskySolve(l, 3, b);
    [1, 2, 3].forEach((v, k) => expect(b[k]).toBeCloseTo(v, 13));
  });

  it('extends a factor row by row to exactly the full factorization', () => {
    const full = new Float64Array(packedSize(3));
    choleskyRows(A, full, 3);
    const grown = new Float64Array(packedSize(3));
    choleskyRows(A, grown, 2);
    choleskyRows(A, grown, 3, 2);
    expect(Array.from(grown)).toEqual(Array.from(full));
  });

  it('inverts through the factor', () => {
    const l = new Float64Array(packedSize(3));
    cholesky(A, l, 3);
    const inv = new Float64Array(9);
    choleskyInverse(l, 3, inv, new Float64Array(9));
    const dense = [4, 2, -2, 2, 10, 2, -2, 2, 6];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += dense[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
      }
    }
  });

  it('adds jitter to a singular matrix and reports it; rejects NaN', () => {
    const singular = Float64Array.from([1, 1, 1]);
    expect(choleskyRows(singular, new Float64Array(3), 2)).toBe(1);
    expect(cholesky(singular, new Float64Array(3), 2)).toBeGreaterThan(0);
    expect(() => cholesky(Float64Array.from([NaN, 0, 1]), new Float64Array(3), 2)).toThrow(
      /not positive definite/,
    );
  });
});

describe('normal distribution and log EI', () => {
  it('erfc matches reference values across the series/continued-fraction switch', () => {
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(2) / 0.004677734981047266).toBeCloseTo(1, 12);
    expect(erfc(3.5) / 7.430983723414128e-7).toBeCloseTo(1, 12);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
  });

  const ei: LogEiValue = { value: 0, dMean: 0, dStd: 0 };

  it('equals log of the direct EI formula where that is stable', () => {
    for (const [mean, std, best] of [
      [0, 1, 0],
      [0.3, 0.5, 0],
      [-1, 2, 0.5],
      [2, 0.7, 0],
    ]) {
      const z = (best - mean) / std;
      const direct = std * (z * normalCdf(z) + normalPdf(z));
      expect(logExpectedImprovement(mean, std, best, ei).value).toBeCloseTo(Math.log(direct), 12);
    }
  });

  it('is finite far in the tail where direct EI underflows, and decreases with the mean', () => {
    let previous = Infinity;
    for (const mean of [0, 2, 5, 10, 20, 40, 100]) {
      const value = logExpectedImprovement(mean, 1, 0, ei).value;
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeLessThan(previous);
      previous = value;
    }
    const z = -40;
    expect(z * normalCdf(z) + normalPdf(z)).toBe(0);
    // Asymptotically log h(z) ≈ −z²/2 − log √(2π) − 2 log|z|.
    const value = logExpectedImprovement(40, 1, 0, ei).value;
    expect(value).toBeCloseTo(-800 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(40), 2);
  });

  it('increases with the standard deviation', () => {
    let previous = -Infinity;
    for (const std of [0.01, 0.1, 0.5, 1, 3]) {
      const value = logExpectedImprovement(1, std, 0, ei).value;
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it('has the derivatives of finite differences, in the body and the tail', () => {
    const h = 1e-6;
    for (const [mean, std] of [
      [0.2, 0.8],
      [6, 0.5],
      [30, 1],
    ]) {
      logExpectedImprovement(mean, std, 0, ei);
      const { dMean, dStd } = ei;
      const f = (m: number, s: number) => logExpectedImprovement(m, s, 0, ei).value;
      expect(dMean).toBeCloseTo((f(mean + h, std) - f(mean - h, std)) / (2 * h), 4);
      expect(dStd).toBeCloseTo((f(mean, std + h) - f(mean, std - h)) / (2 * h), 3);
    }
  });
});

describe('Gaussian process', () => {
  it('matches a hand-computed two-point posterior', () => {
    // 1-D, ℓ = 0.5, s² = 2, σ²_noise = 0.01; observations y(0) = 1, y(1) = 2; query x = 0.25.
    const theta = Float64Array.from([Math.log(0.5), Math.log(2), Math.log(0.01)]);
    const gp = new GaussianProcess(1, theta);
    gp.condition(Float64Array.from([0, 1]), 2, Float64Array.from([1, 2]));
    const a = 2 + 0.01;
    const rho = 2 * matern52(4); // r² = (1/0.5)²
    const k0 = 2 * matern52(0.25); // r² = (0.25/0.5)²
    const k1 = 2 * matern52(2.25); // r² = (0.75/0.5)²
    const det = a * a - rho * rho;
    const mean = (k0 * (a * 1 - rho * 2) + k1 * (-rho * 1 + a * 2)) / det;
    const variance = 2 - (a * k0 * k0 - 2 * rho * k0 * k1 + a * k1 * k1) / det;
    const out = gp.predict(Float64Array.from([0.25]), { mean: 0, variance: 0 });
    expect(out.mean).toBeCloseTo(mean, 13);
    expect(out.variance).toBeCloseTo(variance, 13);
    // Literal values of the closed form above, so a shared mistake in matern52 shows too.
    expect(out.mean).toBeCloseTo(1.143407, 6);
    expect(out.variance).toBeCloseTo(0.575686, 6);
  });

  const rng = Rng.fromSeed(3);
  const d = 3;
  const n = 12;
  const x = Float64Array.from({ length: n * d }, () => rng.uniform());
  const y = Float64Array.from({ length: n }, () => rng.normal());
  const theta = Float64Array.from([-1, -0.5, 0.2, 0.3, -4]);

  it('has the marginal-likelihood gradient of finite differences', () => {
    const grad = new Float64Array(theta.length);
    negLogPosterior(theta, x, y, d, grad);
    const scratch = new Float64Array(theta.length);
    const h = 1e-6;
    for (let k = 0; k < theta.length; k++) {
      const up = theta.slice();
      up[k] += h;
      const down = theta.slice();
      down[k] -= h;
      const fd =
        (negLogPosterior(up, x, y, d, scratch) - negLogPosterior(down, x, y, d, scratch)) / (2 * h);
      expect(grad[k]).toBeCloseTo(fd, 5);
    }
  });

  it('has mean and variance gradients in the input of finite differences', () => {
    const gp = new GaussianProcess(d, theta);
    gp.condition(x, n, y.slice());
    const p = Float64Array.from([0.3, 0.6, 0.1]);
    const gMean = new Float64Array(d);
    const gVar = new Float64Array(d);
    gp.predict(p, { mean: 0, variance: 0 }, gMean, gVar);
    const h = 1e-6;
    for (let k = 0; k < d; k++) {
      const up = p.slice();
      up[k] += h;
      const down = p.slice();
      down[k] -= h;
      const a: Prediction = gp.predict(up, { mean: 0, variance: 0 });
      const b: Prediction = gp.predict(down, { mean: 0, variance: 0 });
      expect(gMean[k]).toBeCloseTo((a.mean - b.mean) / (2 * h), 6);
      expect(gVar[k]).toBeCloseTo((a.variance - b.variance) / (2 * h), 6);
    }
  });

  it('gives bit-identical predictions from a grown cached factor and a fresh one', () => {
    const cached = new GaussianProcess(d, theta);
    cached.condition(x, n - 3, y.slice(0, n - 3));
    cached.condition(x, n, y.slice());
    const fresh = new GaussianProcess(d, theta);
    fresh.condition(x, n, y.slice());
    const p = Float64Array.from([0.5, 0.5, 0.5]);
    expect(cached.predict(p, { mean: 0, variance: 0 })).toEqual(
      fresh.predict(p, { mean: 0, variance: 0 }),
    );
  });

  it('scores candidates in blocks exactly as one at a time, for a count not a multiple of 8', () => {
    const gp = new GaussianProcess(d, theta);
    gp.condition(x, n, y.slice());
    const count = 13;
    const points = Float64Array.from({ length: count * d }, () => rng.uniform());
    const means = new Float64Array(count);
    const variances = new Float64Array(count);
    gp.predictMany(points, count, means, variances);
    for (let c = 0; c < count; c++) {
      const one = gp.predict(points.subarray(c * d, (c + 1) * d), { mean: 0, variance: 0 });
      expect(means[c]).toBeCloseTo(one.mean, 12);
      expect(variances[c]).toBeCloseTo(one.variance, 12);
    }
  });

  it('fantasizes pending points at the posterior mean and collapses their variance', () => {
    const gp = new GaussianProcess(d, theta);
    gp.condition(x, n, y.slice());
    const pending = Float64Array.from([0.9, 0.1, 0.5]);
    const before = gp.predict(pending, { mean: 0, variance: 0 });
    const xAll = new Float64Array((n + 1) * d);
    xAll.set(x);
    xAll.set(pending, n * d);
    const yAll = new Float64Array(n + 1);
    yAll.set(y);
    gp.condition(xAll, n + 1, yAll, n);
    expect(yAll[n]).toBeCloseTo(before.mean, 12);
    const after = gp.predict(pending, { mean: 0, variance: 0 });
    expect(after.mean).toBeCloseTo(before.mean, 2);
    expect(after.variance).toBeLessThan(before.variance / 10);
  });
});

describe('output transform', () => {
  it('is the Yeo-Johnson map: identity at λ = 1, log1p at λ = 0, mirrored below zero', () => {
    for (const y of [-2, -0.5, 0, 0.7, 3]) expect(yeoJohnson(y, 1)).toBeCloseTo(y, 14);
    expect(yeoJohnson(2, 0)).toBeCloseTo(Math.log(3), 14);
    expect(yeoJohnson(-2, 2)).toBeCloseTo(-Math.log(3), 14);
    expect(yeoJohnson(-1, 0.5)).toBeCloseTo(-(2 ** 1.5 - 1) / 1.5, 14);
  });

  it('keeps the order of values and standardizes them', () => {
    const values = [5, -1, 300, 0.4, 12, 2];
    const out = transformOutputs(values);
    const order = (v: ArrayLike<number>) =>
      Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b]);
    expect(order(out)).toEqual(order(values));
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length).toBeCloseTo(1, 12);
    expect(Array.from(transformOutputs([3, 3, 3]))).toEqual([0, 0, 0]);
  });

  it('picks λ < 1 for a long right tail, λ > 1 for a long left tail, about 1 when symmetric', () => {
    const rng = Rng.fromSeed(8);
    const normal = Float64Array.from({ length: 400 }, () => rng.normal());
    const standardized = (v: Float64Array) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
      return v.map((x) => (x - m) / sd);
    };
    expect(fitYeoJohnson(standardized(normal))).toBeCloseTo(1, 0);
    const right = standardized(normal.map((x) => Math.exp(x)));
    expect(fitYeoJohnson(right)).toBeLessThan(0.8);
    expect(fitYeoJohnson(right.map((x) => -x))).toBeGreaterThan(1.2);
  });
});

describe('box-constrained L-BFGS', () => {
  const rosenbrock = (p: Float64Array, g: Float64Array) => {
    const [a, b] = p;
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  };

  it('finds the Rosenbrock minimum inside the box', () => {
    const p = Float64Array.from([-1.2, 1]);
    minimizeBox(rosenbrock, p, {
      lower: Float64Array.from([-2, -2]),
      upper: Float64Array.from([2, 2]),
      maxIterations: 200,
      relativeTolerance: 0,
    });
    expect(p[0]).toBeCloseTo(1, 4);
    expect(p[1]).toBeCloseTo(1, 4);
  });

  it('stops on an active bound and never moves a fixed coordinate', () => {
    const p = Float64Array.from([0, 0.2]);
    minimizeBox(rosenbrock, p, {
      lower: Float64Array.from([-2, 0.2]),
      upper: Float64Array.from([0.5, 0.2]),
      maxIterations: 200,
    });
    expect(p[1]).toBe(0.2);
    expect(p[0]).toBeCloseTo(0.45388974, 6); // local argmin of (1−a)² + 100(0.2 − a²)² (scipy)
  });
});

describe('Bayesian optimizer', () => {
  const options = {
    candidates: 512,
    refineStarts: 3,
    refineIterations: 25,
    flopBudget: 1e7,
    fitRestarts: 1,
    fitIterations: 50,
    maxFitPoints: 200,
    refitFraction: 0.05,
    maxGpPoints: 1000,
  };
  const quadratic = (p: Float64Array) => (p[0] - 0.3) ** 2;

  function optimize(seed: number, trials: number): { xs: Float64Array[]; ys: number[] } {
    const rng = Rng.fromSeed(seed);
    const bo = new BayesianOptimizer(1, options);
    const xs: Float64Array[] = [0.05, 0.5, 0.95].map((v) => Float64Array.from([v]));
    const ys = xs.map(quadratic);
    while (xs.length < trials) {
      const next = bo.suggest(xs, ys, [], unitCube(1), rng);
      xs.push(next);
      ys.push(quadratic(next));
    }
    return { xs, ys };
  }

  it('finds the minimum of a 1-D quadratic in a few trials', () => {
    const { ys } = optimize(1, 10);
    expect(Math.min(...ys)).toBeLessThan(1e-4);
  });

  it('is deterministic for a seed', () => {
    expect(optimize(5, 7).xs).toEqual(optimize(5, 7).xs);
  });

  it('suggests elsewhere when the point it would suggest is already running', () => {
    const rng = Rng.fromSeed(2);
    const xs: Float64Array[] = [0.05, 0.5, 0.95, 0.35].map((v) => Float64Array.from([v]));
    const ys = xs.map(quadratic);
    const bo = new BayesianOptimizer(1, options);
    const first = bo.suggest(xs, ys, [], unitCube(1), Rng.fromSeed(9));
    const second = bo.suggest(xs, ys, [first], unitCube(1), rng);
    expect(Math.abs(second[0] - first[0])).toBeGreaterThan(1e-3);
  });

  it('beyond maxGpPoints, models the observations nearest the best and asks within their box', () => {
    // 2-D: a cluster around the best at (0.2, 0.2) and two far points; 5 nearest span [0.1, 0.3]²
    const xs = [
      [0.2, 0.2],
      [0.1, 0.2],
      [0.3, 0.2],
      [0.2, 0.1],
      [0.2, 0.3],
      [0.9, 0.9],
      [0.9, 0.1],
    ].map((p) => Float64Array.from(p));
    const ys = xs.map((p) => (p[0] - 0.2) ** 2 + (p[1] - 0.2) ** 2);
    for (const seed of [1, 2, 3]) {
      const bo = new BayesianOptimizer(2, { ...options, maxGpPoints: 5 });
      const next = bo.suggest(xs, ys, [], unitCube(2), Rng.fromSeed(seed));
      for (const v of next) {
        expect(v).toBeGreaterThanOrEqual(0.1);
        expect(v).toBeLessThanOrEqual(0.3);
      }
    }
  });
});
