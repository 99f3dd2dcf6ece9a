// Regularized (aging) evolution (Real et al. 2019, "Regularized Evolution for Image Classifier
// Architecture Search", AAAI, Algorithm 1). The population is the `populationSize` most recently
// completed trials (oldest die first, whatever their value: the aging that regularizes). Each ask
// samples `tournamentSize` members uniformly, takes the best as parent and mutates one of its active
// parameters. Until the population is full, it samples uniformly. The population is derived from the
// trials, so the sampler itself has no state.

import { decodeCompact, encodeCompact, encodingOf } from '../encoding.js';
import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import type { Rng } from '../rng.js';
import type { Params, Space } from '../space.js';
import { isBetter, type FrozenTrial } from '../trial.js';
import { avoidPending } from './pending.js';
import { uniformPoint } from './random.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

// Real et al. used P = 100, S = 25 for 20,000 models; sweeps run 25 to a few hundred trials.
// Measured here (32 seeds, Branin / Hartmann-6): P = 10, S = 3, scale 0.2 found 1.70 / -1.66
// after 25 trials where P = 20, S = 5, scale 0.1 found 3.43 / -1.43, and was on par after 100.
export const EVOLUTION_SETTINGS = defineSettings({
  populationSize: {
    kind: 'int',
    default: 10,
    min: 2,
    max: OPTION_LIMITS.trials,
    help: 'The most recently completed trials that form the population (Real et al. 2019 used 100 for 20,000 models).',
  },
  tournamentSize: {
    kind: 'int',
    default: 3,
    min: 1,
    max: { setting: 'populationSize' },
    help: 'Members sampled per ask; the best of them is the parent (Real et al. 2019 used 25).',
  },
  mutationScale: {
    kind: 'real',
    default: 0.2,
    above: 0,
    max: 1,
    help: 'Std. dev. of a numeric mutation in the unit cube (0.2 = a fifth of the range).',
  },
});

export const EVOLUTION_DEFAULTS = defaultsOf(EVOLUTION_SETTINGS);

/** The last `size` completed trials in id order (ids are creation order, the paper's age). */
function population(trials: readonly FrozenTrial[], size: number): FrozenTrial[] {
  const members: FrozenTrial[] = [];
  for (let i = trials.length - 1; i >= 0 && members.length < size; i--) {
    if (trials[i].state === 'completed') members.push(trials[i]);
  }
  return members;
}

/** Reflects into [0, 1], so a mutation near a bound is not piled onto the bound. */
function reflect(u: number): number {
  const r = Math.abs(u) % 2;
  return r > 1 ? 2 - r : r;
}

/**
 * Changes one active parameter of `parent`: a categorical to another choice, a number by a Gaussian
 * step in the unit cube. Parameters a changed condition activates get uniform values.
 */
function mutate(space: Space, parent: Params, rng: Rng, scale: number): Params {
  const u = encodeCompact(space, parent);
  const active: number[] = [];
  for (let i = 0; i < u.length; i++) {
    if (Number.isNaN(u[i])) u[i] = rng.uniform();
    else active.push(i);
  }
  if (active.length === 0) return parent;
  const i = rng.choice(active);
  const { param } = encodingOf(space).params[i];
  if (param.type === 'categorical') {
    const k = param.choices.length;
    const current = Math.floor(u[i] * k);
    const next = k === 1 ? current : (current + 1 + rng.int(k - 1)) % k;
    u[i] = (next + 0.5) / k;
  } else {
    u[i] = reflect(u[i] + scale * rng.normal());
  }
  return decodeCompact(space, u);
}

export const evolutionSampler: SamplerFactory = {
  type: 'evolution',
  settings: EVOLUTION_SETTINGS,
  defaults: EVOLUTION_DEFAULTS,
  multiObjective: false,
  create({ options }): Sampler {
    const {
      populationSize: size,
      tournamentSize: tournament,
      mutationScale: scale,
    } = resolveSettings('evolution sampler', EVOLUTION_SETTINGS, options);
    return {
      type: 'evolution',
      sample(ctx: SamplerContext) {
        const members = population(ctx.trials, size);
        if (members.length < size) return avoidPending(ctx, () => uniformPoint(ctx.space, ctx.rng));
        return avoidPending(ctx, () => {
          const picks = ctx.rng.sampleIndices(size, tournament);
          let parent = members[picks[0]];
          for (const j of picks) {
            if (isBetter(ctx.direction, members[j].value!, parent.value!)) parent = members[j];
          }
          return mutate(ctx.space, parent.params, ctx.rng, scale);
        });
      },
      toJSON: () => null,
    };
  },
};
