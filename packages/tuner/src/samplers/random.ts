// Independent uniform sampling (log parameters uniform in log space), the baseline every other
// sampler must beat and the start-up sampler of the model-based ones.

import { compactDims, decodeCompact } from '../encoding.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import type { Rng } from '../rng.js';
import type { Params, Space } from '../space.js';
import { avoidPending } from './pending.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

export const RANDOM_SETTINGS = defineSettings({});
export const RANDOM_DEFAULTS = defaultsOf(RANDOM_SETTINGS);

/** One uniform point: each searched parameter independently, in its unit-cube encoding. */
export function uniformPoint(space: Space, rng: Rng): Params {
  const u = new Float64Array(compactDims(space));
  for (let i = 0; i < u.length; i++) u[i] = rng.uniform();
  return decodeCompact(space, u);
}

export const randomSampler: SamplerFactory = {
  type: 'random',
  settings: RANDOM_SETTINGS,
  defaults: RANDOM_DEFAULTS,
  multiObjective: true,
  create({ options }): Sampler {
    resolveSettings('random sampler', RANDOM_SETTINGS, options);
    return {
      type: 'random',
      sample: (ctx: SamplerContext) => avoidPending(ctx, () => uniformPoint(ctx.space, ctx.rng)),
      toJSON: () => null,
    };
  },
};
