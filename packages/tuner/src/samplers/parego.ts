// ParEGO (Knowles 2006, "ParEGO: a hybrid algorithm with on-line landscape approximation for
// expensive multiobjective optimization problems", IEEE TEC 10(1)): each ask draws one weight
// vector λ from a simplex lattice, scalarizes every completed trial's objectives, normalized to
// [0, 1] by the ranges observed so far, with the augmented Tchebycheff function
//   f_λ(x) = max_j λ_j f_j(x) + ρ Σ_j λ_j f_j(x),
// and asks the GP sampler (./gp.ts: log EI, kriging believer for running trials) for the minimizer
// of that one objective. Different λ over the asks spread the trials along the front. With
// constraints, an infeasible trial scores the worst feasible scalar plus v / (1 + v) for its
// violation v, so the model steers away from it and a huge violation does not flatten the rest
// (Knowles has no constraints; this is the usual penalty of EGO variants). State: the GP sampler's.

import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';
import { lossesOf, type FrozenTrial } from '../trial.js';
import { GP_DEFAULTS, gpSampler, startupSetting } from './gp.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

export const PAREGO_SETTINGS = defineSettings({
  startup: startupSetting('sobol', 'Sampler of the first trials (Knowles uses a Latin hypercube).'),
  startupTrials: {
    kind: 'int',
    default: 10,
    min: 1,
    max: OPTION_LIMITS.trials,
    help: 'Completed trials before the model takes over (Knowles: 11d − 1; fewer suit short sweeps).',
  },
  rho: {
    kind: 'real',
    default: 0.05,
    min: 0,
    max: 1,
    help: "Weight of the augmented Tchebycheff function's sum term (Knowles 2006: 0.05).",
  },
  divisions: {
    kind: 'int',
    default: null,
    nullable: true,
    min: 1,
    max: 100,
    help: 'Steps s of the weight lattice λ_j ∈ {0, 1/s, ..., 1}; empty: 10 for 2 objectives, 4 for 3 or more (Knowles 2006).',
  },
});

export const PAREGO_DEFAULTS = defaultsOf(PAREGO_SETTINGS);
export type ParegoOptions = OptionsOf<typeof PAREGO_SETTINGS>;

/** Knowles 2006's lattice sizes: s = 10 gives 11 vectors for 2 objectives, s = 4 gives 15 for 3. */
function defaultDivisions(objectives: number): number {
  return objectives <= 2 ? 10 : 4;
}

/** Every λ with Σ λ_j = 1 and λ_j ∈ {0, 1/s, ..., 1}, as integer numerators over s. */
export function weightLattice(objectives: number, s: number): number[][] {
  if (objectives === 1) return [[s]];
  const out: number[][] = [];
  for (let first = 0; first <= s; first++) {
    for (const rest of weightLattice(objectives - 1, s - first)) out.push([first, ...rest]);
  }
  return out;
}

/**
 * The augmented Tchebycheff scalar of each completed trial under `lambda` (losses normalized by the
 * observed ranges), NaN for the others.
 */
export function tchebycheff(
  losses: readonly (readonly number[] | undefined)[],
  lambda: readonly number[],
  rho: number,
): Float64Array {
  const m = lambda.length;
  const low = new Array<number>(m).fill(Infinity);
  const high = new Array<number>(m).fill(-Infinity);
  for (const l of losses) {
    if (!l) continue;
    for (let j = 0; j < m; j++) {
      low[j] = Math.min(low[j], l[j]);
      high[j] = Math.max(high[j], l[j]);
    }
  }
  return Float64Array.from(losses, (l) => {
    if (!l) return NaN;
    let max = -Infinity;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const f = high[j] > low[j] ? (l[j] - low[j]) / (high[j] - low[j]) : 0;
      max = Math.max(max, lambda[j] * f);
      sum += lambda[j] * f;
    }
    return max + rho * sum;
  });
}

export const paregoSampler: SamplerFactory = {
  type: 'parego',
  settings: PAREGO_SETTINGS,
  defaults: PAREGO_DEFAULTS,
  multiObjective: true,
  create({ options, space, seed, state }): Sampler {
    const o = resolveSettings('parego sampler', PAREGO_SETTINGS, options);
    const gp = gpSampler.create({
      options: { ...GP_DEFAULTS, startup: o.startup, startupTrials: o.startupTrials },
      space,
      seed,
      state,
    });
    let lattice: number[][] | undefined;
    return {
      type: 'parego',
      sample(ctx: SamplerContext) {
        const m = ctx.directions.length;
        const s = o.divisions ?? defaultDivisions(m);
        lattice ??= weightLattice(m, s);
        const lambda = lattice[ctx.rng.int(lattice.length)].map((k) => k / s);
        const finite = (t: FrozenTrial) =>
          t.state === 'completed' && t.values!.every((v) => Number.isFinite(v));
        const feasible = ctx.trials.map((t) =>
          finite(t) && (t.violation ?? 0) === 0 ? lossesOf(ctx.directions, t) : undefined,
        );
        const scalars = tchebycheff(feasible, lambda, o.rho);
        let worst = 0;
        for (const v of scalars) if (v > worst) worst = v;
        const trials = ctx.trials.map((t, i): FrozenTrial => {
          if (!finite(t)) return t;
          const v = t.violation!;
          const value = feasible[i] ? scalars[i] : worst + v / (1 + v);
          return { ...t, value, values: [value] };
        });
        return gp.sample({ ...ctx, trials, direction: 'minimize', directions: ['minimize'] });
      },
      toJSON: () => gp.toJSON(),
    };
  },
};
