// Box-constrained limited-memory BFGS (Nocedal & Wright 2006, Alg. 7.4 two-loop recursion) with
// gradient projection: variables sitting on a bound with the gradient pushing outwards are held
// fixed for the step, and trial points are projected back into the box. Simpler than L-BFGS-B's
// generalized Cauchy point but well-behaved for the smooth, low-dimensional problems here
// (kernel hyperparameters, acquisition refinement). A coordinate with lower = upper never moves.

/** Returns f(x) and writes ∇f(x) into `grad`. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface BoxMinimizeOptions {
  lower: Float64Array;
  upper: Float64Array;
  maxIterations: number;
  /** Number of curvature pairs remembered. */
  memory?: number;
  /** Stop when every free projected-gradient component is below this. */
  gradientTolerance?: number;
  /** Stop when an accepted step improves f by less than this, relative to 1 + |f|. */
  relativeTolerance?: number;
  /** Stop after this many evaluations of f (default: no limit beyond maxIterations). */
  maxEvaluations?: number;
  /** Largest coordinate move of a step without curvature information (the first one). */
  firstStepLength?: number;
}

/** Armijo sufficient-decrease constant (Nocedal & Wright 2006, §3.1). */
const ARMIJO = 1e-4;
/** Smallest coordinate move worth an evaluation. */
const MIN_MOVE = 1e-10;

function project(x: Float64Array, lower: Float64Array, upper: Float64Array): void {
  for (let k = 0; k < x.length; k++) x[k] = Math.min(upper[k], Math.max(lower[k], x[k]));
}

function isHeld(x: number, g: number, lo: number, hi: number): boolean {
  return (x <= lo && g >= 0) || (x >= hi && g <= 0);
}

/** Minimizes f from x (updated in place to the best point found); returns the value there. */
export function minimizeBox(
  f: ObjectiveWithGradient,
  x: Float64Array,
  options: BoxMinimizeOptions,
): number {
  const { lower, upper, maxIterations } = options;
  const memory = options.memory ?? 8;
  const gtol = options.gradientTolerance ?? 1e-6;
  const rtol = options.relativeTolerance ?? 1e-9;
  const n = x.length;
  project(x, lower, upper);
  const g = new Float64Array(n);
  let evaluations = 1;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  let fx = f(x, g);
  if (!Number.isFinite(fx)) return fx;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const dir = new Float64Array(n);
  const held = new Uint8Array(n);
  const xn = new Float64Array(n);
  const gn = new Float64Array(n);

  for (let iter = 0; iter < maxIterations; iter++) {
    let pgMax = 0;
    for (let k = 0; k < n; k++) {
      held[k] = isHeld(x[k], g[k], lower[k], upper[k]) ? 1 : 0;
      if (!held[k]) pgMax = Math.max(pgMax, Math.abs(g[k]));
    }
    if (pgMax < gtol) break;

    // Two-loop recursion on the free subspace.
    for (let k = 0; k < n; k++) dir[k] = held[k] ? 0 : -g[k];
    for (let m = s.length - 1; m >= 0; m--) {
      let a = 0;
      for (let k = 0; k < n; k++) if (!held[k]) a += s[m][k] * dir[k];
      a *= rho[m];
      alpha[m] = a;
      for (let k = 0; k < n; k++) if (!held[k]) dir[k] -= a * y[m][k];
    }
    if (s.length > 0) {
      const last = s.length - 1;
      let yy = 0;
      for (let k = 0; k < n; k++) yy += y[last][k] * y[last][k];
      const gamma = 1 / (rho[last] * yy);
      for (let k = 0; k < n; k++) dir[k] *= gamma;
    }
    for (let m = 0; m < s.length; m++) {
      let b = 0;
      for (let k = 0; k < n; k++) if (!held[k]) b += y[m][k] * dir[k];
      b *= rho[m];
      for (let k = 0; k < n; k++) if (!held[k]) dir[k] += (alpha[m] - b) * s[m][k];
    }
    let slope = 0;
    for (let k = 0; k < n; k++) slope += dir[k] * g[k];
    if (!(slope < 0)) {
      // Not a descent direction (curvature pairs went stale): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let k = 0; k < n; k++) dir[k] = held[k] ? 0 : -g[k];
    }
    let dmax = 0;
    for (let k = 0; k < n; k++) dmax = Math.max(dmax, Math.abs(dir[k]));
    // The first step has no curvature information: cap its length so it stays in scale.
    let step = s.length === 0 ? Math.min(1, (options.firstStepLength ?? 1) / dmax) : 1;

    let fn = Infinity;
    let accepted = false;
    // Backtrack until sufficient decrease, or until the step no longer moves x meaningfully (f is
    // then flat or noisy at that scale, and further halvings only cost evaluations).
    for (; step * dmax > MIN_MOVE && evaluations < maxEvaluations; step *= 0.5) {
      for (let k = 0; k < n; k++) xn[k] = x[k] + step * dir[k];
      project(xn, lower, upper);
      let decrease = 0;
      for (let k = 0; k < n; k++) decrease += g[k] * (xn[k] - x[k]);
      fn = f(xn, gn);
      evaluations++;
      if (Number.isFinite(fn) && fn <= fx + ARMIJO * decrease) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;

    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    let sy = 0;
    for (let k = 0; k < n; k++) {
      sk[k] = xn[k] - x[k];
      yk[k] = gn[k] - g[k];
      sy += sk[k] * yk[k];
    }
    if (sy > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const improvement = fx - fn;
    x.set(xn);
    g.set(gn);
    fx = fn;
    if (improvement <= rtol * (1 + Math.abs(fx))) break;
  }
  return fx;
}
