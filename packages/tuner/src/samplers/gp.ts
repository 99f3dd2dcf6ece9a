// Bayesian optimization with a Gaussian process (../gp/): a start-up sampler for the first
// trials, then each ask fits (or keeps) the kernel hyperparameters on the completed trials,
// fantasizes the running ones at the posterior mean and maximizes log expected improvement over
// the model encoding of the space (one-hot categoricals, ints on their cells, log params in log
// space). Past maxGpPoints observations the model is local (a trust region around the best, see
// gp/bayes-opt.ts). State in toJSON: the start-up sampler's state and the fitted hyperparameters.

import { BayesianOptimizer, type BayesOptState } from '../gp/bayes-opt.js';
import { spaceDomain } from '../gp/space-domain.js';
import { decode, encode, encodingOf } from '../encoding.js';
import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';
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

/** The start-up sampler setting shared by the model-based samplers (gp, cmaes, tpe). */
export function startupSetting(def: StartupKind, help: string) {
  return {
    kind: 'enum',
    choices: Object.keys(STARTUP_SAMPLERS) as StartupKind[],
    default: def,
    help,
  } as const;
}

// Maxima keep one ask within seconds: the fit is O(maxFitPoints³) per iteration, scoring is capped
// by acquisitionFlops, refinement by starts x iterations.
export const GP_SETTINGS = defineSettings({
  startup: startupSetting(
    'sobol',
    'Sampler of the first trials, before there is anything to model.',
  ),
  // Optuna's GPSampler uses 10; on the 25-trial Branin / Hartmann-6 benchmark 6 did best (48 seeds:
  // 0.414 / −3.07, against 0.424 / −3.05 with 10 and 0.411 / −3.01 with 5).
  startupTrials: {
    kind: 'int',
    default: 6,
    min: 1,
    max: OPTION_LIMITS.trials,
    help: 'Completed trials before the GP takes over (Optuna uses 10; 6 did best on Branin / Hartmann-6 here).',
  },
  candidates: {
    kind: 'int',
    default: 2048,
    min: 1,
    max: 100_000,
    help: 'Random candidates scored by the acquisition (fewer when acquisitionFlops runs out).',
  },
  refineStarts: {
    kind: 'int',
    default: 5,
    min: 0,
    max: 100,
    help: 'Best candidates refined by L-BFGS and coordinate search.',
  },
  refineIterations: {
    kind: 'int',
    default: 25,
    min: 0,
    max: 1000,
    help: 'Iterations of each refinement.',
  },
  acquisitionFlops: {
    kind: 'real',
    default: 1e7,
    above: 0,
    max: 1e10,
    help: 'Multiply-adds allowed for scoring candidates (each costs ~n²/2 at n observations).',
  },
  fitRestarts: {
    kind: 'int',
    default: 2,
    min: 0,
    max: 100,
    help: 'Random starts of the hyperparameter fit besides the previous fit and the default.',
  },
  fitIterations: {
    kind: 'int',
    default: 50,
    min: 1,
    max: 10_000,
    help: 'L-BFGS iterations of each hyperparameter fit.',
  },
  maxFitPoints: {
    kind: 'int',
    default: 128,
    min: 2,
    max: 2048,
    help: 'Observations used to fit hyperparameters (the posterior always uses all of them).',
  },
  // TuRBO's trust regions hold a few hundred points (Eriksson et al., 2019); 256 keeps an ask at
  // 5,000 observations under 100 ms here.
  maxGpPoints: {
    kind: 'int',
    default: 256,
    min: 2,
    max: 4096,
    help: 'Observations the GP conditions on; beyond, it models the ones nearest the best (a trust region, as TuRBO).',
  },
  refitFraction: {
    kind: 'real',
    default: 0.05,
    min: 0,
    max: 100,
    help: 'Refit hyperparameters once the history grew by this fraction (at least one trial).',
  },
});

export const GP_DEFAULTS = defaultsOf(GP_SETTINGS);
export type GpOptions = OptionsOf<typeof GP_SETTINGS>;

export function resolveGpOptions(given: Readonly<Record<string, unknown>>): GpOptions {
  return resolveSettings('gp sampler', GP_SETTINGS, given);
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
  settings: GP_SETTINGS,
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
        maxGpPoints: o.maxGpPoints,
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
