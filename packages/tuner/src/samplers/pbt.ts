// The `pbt` sampler: the initial population of population-based training. A PBT sweep asks for
// `populationSize` members, drawn uniformly (log parameters in log space) and pending-aware; from
// then on members change by exploit/explore (../pbt/), driven by whoever runs them, not by ask().
// An ask beyond the population (a member replacing one that failed) is drawn the same way.

import { PBT_DEFAULTS, PBT_SETTINGS, pbtOptions } from '../pbt/options.js';
import { avoidPending } from './pending.js';
import { uniformPoint } from './random.js';
import type { Sampler, SamplerContext, SamplerFactory } from './sampler.js';

export const pbtSampler: SamplerFactory = {
  type: 'pbt',
  settings: PBT_SETTINGS,
  defaults: PBT_DEFAULTS,
  multiObjective: false,
  create({ options }): Sampler {
    pbtOptions(options);
    return {
      type: 'pbt',
      sample: (ctx: SamplerContext) => avoidPending(ctx, () => uniformPoint(ctx.space, ctx.rng)),
      toJSON: () => null,
    };
  },
};
