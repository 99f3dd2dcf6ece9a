// Bayesian optimization with a Gaussian process (../gp/): a start-up sampler for the first
// trials, then each ask fits (or keeps) the kernel hyperparameters on the completed trials,
// fantasizes the running ones at the posterior mean and maximizes log expected improvement over
// the model encoding of the space (one-hot categoricals, ints on their cells, log params in log
// space). State in toJSON: the start-up sampler's state and the fitted hyperparameters.

import { BayesianOptimizer, type BayesOptState } from '../gp/bayes-opt.js';
import { spaceDomain } from '../gp/space-domain.js';
import { decode, encode, encodingOf } from '../encoding.js';
import { OPTION_LIMITS, checkNumber, checkOneOf, mergeOptions } from '../options.js';
import type { Space } from '../space.js';
import { randomSampler } from './random.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';
import { sobolSampler } from './sobol.js';

/** Samplers a model-based sampler can start with. */
export const STARTUP_SAMPLERS = {
  sobol: sobolSampler,
  random: randomSampler,
} as const satisfies Record<string, SamplerFactory>;
export type StartupKind = keyof typeof STARTUP_SAMPLERS;

export const GP_DEFAULTS = {
  /** Sampler of the first trials, before there is anything to model. */
  startup: 'sobol' as StartupKind,
  /**
   * Completed trials before the GP takes over. Optuna's GPSampler uses 10; on the 25-trial
   * Branin / Hartmann-6 benchmark 6 did best (48 seeds: 0.414 / −3.07, against 0.424 / −3.05
   * with 10 and 0.411 / −3.01 with 5).
   */
  startupTrials: 6,
  /** Random candidates scored by the acquisition (fewer when flop-limited, see below). */
  candidates: 2048,
  /** Best candidates refined by L-BFGS and coordinate search. */
  refineStarts: 5,
  refineIterations: 25,
  /** Multiply-adds allowed for scoring candidates (each costs ~n²/2 at n observations). */
  acquisitionFlops: 1e7,
  /** Random starts of the hyperparameter fit besides the previous fit and the default. */
  fitRestarts: 2,
  fitIterations: 50,
  /** Observations used to fit hyperparameters (the posterior always uses all of them). */
  maxFitPoints: 128,
  /** Refit hyperparameters once the history grew by this fraction (at least one trial). */
  refitFraction: 0.05,
};

export type GpOptions = typeof GP_DEFAULTS;

export function resolveGpOptions(given: Readonly<Record<string, unknown>>): GpOptions {
  const o = mergeOptions('gp sampler', GP_DEFAULTS, given);
  checkOneOf('startup', o.startup, Object.keys(STARTUP_SAMPLERS) as StartupKind[]);
  // Maxima keep one ask within seconds: the fit is O(maxFitPoints³) per iteration, scoring is
  // capped by acquisitionFlops, refinement by starts x iterations.
  checkNumber('startupTrials', o.startupTrials, {
    min: 1,
    max: OPTION_LIMITS.trials,
    integer: true,
  });
  checkNumber('candidates', o.candidates, { min: 1, max: 100_000, integer: true });
  checkNumber('refineStarts', o.refineStarts, { min: 0, max: 100, integer: true });
  checkNumber('refineIterations', o.refineIterations, { min: 0, max: 1000, integer: true });
  checkNumber('acquisitionFlops', o.acquisitionFlops, { above: 0, max: 1e10 });
  checkNumber('fitRestarts', o.fitRestarts, { min: 0, max: 100, integer: true });
  checkNumber('fitIterations', o.fitIterations, { min: 1, max: 10_000, integer: true });
  checkNumber('maxFitPoints', o.maxFitPoints, { min: 2, max: 2048, integer: true });
  checkNumber('refitFraction', o.refitFraction, { min: 0, max: 100 });
  return o;
}

/** The start-up sampler of a model-based sampler, restored from its saved state when given. */
export function createStartupSampler(
  kind: StartupKind,
  space: Space,
  seed: number,
  state: unknown,
): Sampler {
  return STARTUP_SAMPLERS[kind].create({ options: {}, space, seed, state });
}

/** A completed trial's value as a quantity to minimize. */
export function minimized(ctx: SamplerContext, value: number): number {
  return ctx.direction === 'minimize' ? value : -value;
}

interface GpSamplerState {
  startup: unknown;
  optimizer: BayesOptState;
}

export const gpSampler: SamplerFactory = {
  type: 'gp',
  defaults: GP_DEFAULTS,
  multiObjective: false,
  create({ options, space, seed, state }): Sampler {
    const o = resolveGpOptions(options);
    const saved = state as GpSamplerState | undefined;
    const startup = createStartupSampler(o.startup, space, seed, saved?.startup);
    const domain = spaceDomain(space);
    const optimizer = new BayesianOptimizer(
      encodingOf(space).dims,
      {
        candidates: o.candidates,
        refineStarts: o.refineStarts,
        refineIterations: o.refineIterations,
        flopBudget: o.acquisitionFlops,
        fitRestarts: o.fitRestarts,
        fitIterations: o.fitIterations,
        maxFitPoints: o.maxFitPoints,
        refitFraction: o.refitFraction,
      },
      saved?.optimizer,
    );
    return {
      type: 'gp',
      sample(ctx) {
        const observed: Float64Array[] = [];
        const values: number[] = [];
        const pending: Float64Array[] = [];
        const spent: Float64Array[] = [];
        for (const t of ctx.trials) {
          if (t.state === 'completed' && Number.isFinite(t.value)) {
            observed.push(encode(ctx.space, t.params));
            values.push(minimized(ctx, t.value!));
          } else {
            (t.state === 'running' ? pending : spent).push(encode(ctx.space, t.params));
          }
        }
        if (observed.length < o.startupTrials || domain.dims === 0) return startup.sample(ctx);
        const x = optimizer.suggest(observed, values, pending, domain, ctx.rng, spent);
        return decode(ctx.space, x);
      },
      toJSON: (): GpSamplerState => ({ startup: startup.toJSON(), optimizer: optimizer.toJSON() }),
    };
  },
};
