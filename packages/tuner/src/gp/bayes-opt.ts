// One Bayesian-optimization step on the unit cube: transform the objective (minimized), fit or
// keep the kernel hyperparameters, condition the GP on completed trials plus fantasies at the
// running ones, and maximize log EI. The only state is the fitted θ and the history size it was
// fitted on, so a reloaded optimizer makes the same next suggestion.

import type { Rng } from '../rng.js';
import {
  maximizeLogEi,
  withinBox,
  type AcquisitionOptions,
  type SearchDomain,
} from './acquisition.js';
import { defaultTheta, fitHyperparameters } from './fit.js';
import { GaussianProcess } from './gaussian-process.js';
import { transformOutputs } from './output-transform.js';

export interface BayesOptOptions extends AcquisitionOptions {
  /** Random starting points of the hyperparameter fit, besides the previous θ and the default. */
  fitRestarts: number;
  /** L-BFGS iterations per hyperparameter start. */
  fitIterations: number;
  /** Observations used to fit θ (evenly spaced in trial order beyond this); the GP uses all. */
  maxFitPoints: number;
  /** Refit θ once the history has grown by this fraction since the last fit (at least by one). */
  refitFraction: number;
  /**
   * Observations the GP conditions on. Beyond this, the model is local, as in TuRBO (Eriksson et
   * al., 2019): the GP sees the `maxGpPoints` observations nearest the best one, and candidates
   * stay in the box those span (its trust region), so an ask costs O(maxGpPoints³), not O(n³).
   */
  maxGpPoints: number;
}

export interface BayesOptState {
  theta: number[] | null;
  /** Number of observations θ was fitted on. */
  fittedOn: number;
}

/** Observations whose surroundings get half of the random candidates. */
const ANCHORS = 5;

export class BayesianOptimizer {
  private theta: Float64Array | null;
  private fittedOn: number;
  private gp: GaussianProcess | null = null;

  constructor(
    readonly dims: number,
    private readonly options: BayesOptOptions,
    state?: BayesOptState,
  ) {
    this.theta = state?.theta ? Float64Array.from(state.theta) : null;
    this.fittedOn = state?.fittedOn ?? 0;
  }

  toJSON(): BayesOptState {
    return { theta: this.theta ? Array.from(this.theta) : null, fittedOn: this.fittedOn };
  }

  /**
   * The next point to evaluate given `observed` points with finite objective values `values`
   * (to minimize), `pending` points still being evaluated, and `spent` points not worth asking
   * again (failed or stopped early). Needs at least one observation.
   */
  suggest(
    observed: readonly Float64Array[],
    values: readonly number[],
    pending: readonly Float64Array[],
    domain: SearchDomain,
    rng: Rng,
    spent: readonly Float64Array[] = [],
  ): Float64Array {
    const history = observed.length;
    if (history === 0) throw new Error('BayesianOptimizer.suggest needs at least one observation');
    if (history > this.options.maxGpPoints) {
      const near = nearestToBest(observed, values, this.options.maxGpPoints);
      const points = near.map((i) => observed[i]);
      return this.suggestOn(
        points,
        near.map((i) => values[i]),
        pending,
        withinBox(domain, points),
        rng,
        [...observed, ...pending, ...spent],
        history,
      );
    }
    return this.suggestOn(
      observed,
      values,
      pending,
      domain,
      rng,
      [...observed, ...pending, ...spent],
      history,
    );
  }

  /** suggest() on the observations the GP sees; `history` is how many there are in all. */
  private suggestOn(
    observed: readonly Float64Array[],
    values: readonly number[],
    pending: readonly Float64Array[],
    domain: SearchDomain,
    rng: Rng,
    taken: readonly Float64Array[],
    history: number,
  ): Float64Array {
    const d = this.dims;
    const n = observed.length;
    const y = transformOutputs(values);
    const theta = this.hyperparameters(observed, y, rng, history);
    if (!this.gp?.hasTheta(theta)) this.gp = new GaussianProcess(d, theta);

    const total = n + pending.length;
    const x = new Float64Array(total * d);
    observed.forEach((p, i) => x.set(p, i * d));
    pending.forEach((p, i) => x.set(p, (n + i) * d));
    const yAll = new Float64Array(total);
    yAll.set(y);
    this.gp.condition(x, total, yAll, n);

    const order = Array.from(y.keys()).sort((a, b) => y[a] - y[b]);
    const anchors = order.slice(0, ANCHORS).map((i) => observed[i]);
    return maximizeLogEi(this.gp, y[order[0]], domain, anchors, taken, rng, this.options);
  }

  /**
   * θ, refitted on the observations the GP sees when the history has grown enough since the last
   * fit (warm-started from it).
   */
  private hyperparameters(
    observed: readonly Float64Array[],
    y: Float64Array,
    rng: Rng,
    history: number,
  ) {
    const n = observed.length;
    const due = Math.max(1, Math.floor(this.options.refitFraction * this.fittedOn));
    if (this.theta && history - this.fittedOn < due) return this.theta;

    const d = this.dims;
    const m = Math.min(n, this.options.maxFitPoints);
    const xs = new Float64Array(m * d);
    const ys = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const i = Math.floor((j * n) / m);
      xs.set(observed[i], j * d);
      ys[j] = y[i];
    }
    const starts = [defaultTheta(d)];
    if (this.theta) starts.unshift(this.theta);
    for (let r = 0; r < this.options.fitRestarts; r++) starts.push(randomTheta(d, rng));
    this.theta = fitHyperparameters(xs, ys, d, starts, {
      maxIterations: this.options.fitIterations,
    });
    this.fittedOn = history;
    return this.theta;
  }
}

/** A random start for the hyperparameter fit: length scales 0.05–2, signal 0.3–3, noise ≤ 1e-2. */
function randomTheta(dims: number, rng: Rng): Float64Array {
  const theta = defaultTheta(dims);
  const logUniform = (lo: number, hi: number) =>
    Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo));
  for (let k = 0; k < dims; k++) theta[k] = logUniform(0.05, 2);
  theta[dims] = logUniform(0.3, 3);
  theta[dims + 1] = logUniform(1e-6, 1e-2);
  return theta;
}

/** Indices of the `m` observations nearest the best one (in the unit cube), the best included. */
function nearestToBest(
  observed: readonly Float64Array[],
  values: readonly number[],
  m: number,
): number[] {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  const center = observed[best];
  const distance = observed.map((p) => {
    let s = 0;
    for (let k = 0; k < p.length; k++) s += (p[k] - center[k]) ** 2;
    return s;
  });
  return Array.from(distance.keys())
    .sort((a, b) => distance[a] - distance[b] || a - b)
    .slice(0, m);
}
