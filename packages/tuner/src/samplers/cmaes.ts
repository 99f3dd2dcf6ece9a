// CMA-ES (../cmaes/cma-es.ts) behind one-at-a-time ask/tell: each ask draws one member of the
// current generation and remembers the trial id it will get (the study numbers trials in ask
// order, so it is ctx.trials.length); once λ members have finished, the generation updates the
// distribution. Failed or pruned members rank last. With more parallel workers than λ, extra
// members are drawn from the same distribution and the first λ finished (in ask order) update it.
// Only for spaces without categoricals; integers and stepped floats are searched as continuous
// and rounded when decoded.

import {
  cmaEsConstants,
  initialCmaEsState,
  sampleCmaEs,
  updateCmaEs,
  type CmaEsState,
} from '../cmaes/cma-es.js';
import { decode, encode, encodingOf } from '../encoding.js';
import { OPTION_LIMITS, OptionsError } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';
import type { Space } from '../space.js';
import { createStartupSampler, minimized, startupSetting } from './gp.js';
import { avoidPending } from './pending.js';
import type { Sampler, SamplerFactory } from './sampler.js';

export const CMAES_SETTINGS = defineSettings({
  startup: startupSetting(
    'sobol',
    'Sampler of the first trials; the best of them is the first mean.',
  ),
  // Optuna uses 1; with 6 the 25-trial benchmark improved (48 seeds: Branin 2.11 -> 1.52,
  // Hartmann-6 -1.52 -> -1.94).
  startupTrials: {
    kind: 'int',
    default: 6,
    min: 0,
    max: OPTION_LIMITS.trials,
    help: 'Completed trials before CMA-ES starts (Optuna uses 1; 6 did better on Branin / Hartmann-6 here).',
  },
  sigma0: {
    kind: 'real',
    default: 1 / 6,
    above: 0,
    max: 1,
    help: "Initial step size in the unit cube: a sixth of the range, as Optuna's CmaEsSampler.",
  },
  populationSize: {
    kind: 'int',
    default: null,
    nullable: true,
    min: 2,
    max: OPTION_LIMITS.trials,
    help: "Population size λ; empty for Hansen's default 4 + ⌊3 ln n⌋.",
  },
});

export const CMAES_DEFAULTS = defaultsOf(CMAES_SETTINGS);
export type CmaEsOptions = OptionsOf<typeof CMAES_SETTINGS>;

export function resolveCmaEsOptions(given: Readonly<Record<string, unknown>>): CmaEsOptions {
  return resolveSettings('cmaes sampler', CMAES_SETTINGS, given);
}

/** CMA-ES searches a continuous cube: categoricals have no order for it to follow. */
function checkContinuous(space: Space): void {
  const categorical = space.parameters.find((p) => p.type === 'categorical');
  if (categorical) {
    throw new OptionsError(
      'sampler.type',
      `the cmaes sampler needs numeric parameters, but "${categorical.name}" is categorical; use gp or evolution`,
    );
  }
}

/** Step-size growth per redraw away from running trials' params (32 redraws: about 1,000x). */
const REDRAW_WIDENING = 1.25;

interface Member {
  /** Id of the trial this member became. */
  trial: number;
  x: number[];
}

interface CmaEsSamplerState {
  startup: unknown;
  es: CmaEsState | null;
  members: Member[];
}

export const cmaesSampler: SamplerFactory = {
  type: 'cmaes',
  settings: CMAES_SETTINGS,
  defaults: CMAES_DEFAULTS,
  multiObjective: false,
  create({ options, space, seed, state }): Sampler {
    const o = resolveCmaEsOptions(options);
    checkContinuous(space);
    const saved = state as CmaEsSamplerState | undefined;
    const startup = createStartupSampler(o.startup, space, seed, saved?.startup);
    const dims = encodingOf(space).dims;
    const constants = dims > 0 ? cmaEsConstants(dims, o.populationSize ?? undefined) : null;
    let es = saved?.es ?? null;
    let members: Member[] = saved?.members ?? [];

    return {
      type: 'cmaes',
      sample(ctx) {
        if (!constants) return decode(ctx.space, []);
        if (!es) {
          let best: { x: Float64Array; value: number } | undefined;
          for (const t of ctx.trials) {
            if (t.state !== 'completed' || !Number.isFinite(t.value)) continue;
            const value = minimized(ctx, t.value!);
            if (!best || value < best.value) best = { x: encode(ctx.space, t.params), value };
          }
          const completed = ctx.trials.filter((t) => t.state === 'completed').length;
          if (completed < o.startupTrials) return startup.sample(ctx);
          es = initialCmaEsState(best?.x ?? new Float64Array(dims).fill(0.5), o.sigma0);
        }
        const finished = members.flatMap((m) => {
          const t = ctx.trials[m.trial];
          if (!t || t.state === 'running') return [];
          const ok = t.state === 'completed' && Number.isFinite(t.value);
          return [{ x: m.x, value: ok ? minimized(ctx, t.value!) : Infinity }];
        });
        if (finished.length >= constants.lambda) {
          const ranked = finished.slice(0, constants.lambda).sort((a, b) => a.value - b.value);
          es = updateCmaEs(
            es,
            constants,
            ranked.map((r) => r.x),
          );
          members = [];
        }
        // Rounded integers can land on a running trial's params: redraw those (./pending.ts),
        // each redraw a little wider, since a converged distribution may cover a single cell.
        const current = es;
        let x: Float64Array = new Float64Array(0);
        let widen = 1;
        const params = avoidPending(ctx, () => {
          x = sampleCmaEs({ ...current, sigma: current.sigma * widen }, ctx.rng);
          widen *= REDRAW_WIDENING;
          return decode(ctx.space, x);
        });
        members.push({ trial: ctx.trials.length, x: Array.from(x) });
        return params;
      },
      toJSON: (): CmaEsSamplerState => ({
        startup: startup.toJSON(),
        es,
        members: members.map((m) => ({ trial: m.trial, x: m.x.slice() })),
      }),
    };
  },
};
