// Median stopping rule (Golovin et al. 2017, "Google Vizier", sec. 3.2.2): stop a trial when its
// best value so far is worse than the median of the completed trials' running averages at the same
// step. It is the percentile rule at 50, as Optuna's MedianPruner is its PercentilePruner.

import { mergeOptions } from '../options.js';
import { percentileRule } from './percentile.js';
import type { StopperFactory } from './stopper.js';

export const MEDIAN_DEFAULTS = { warmupSteps: 0, minTrials: 5 } as const;

export const medianStopper: StopperFactory = {
  type: 'median',
  defaults: MEDIAN_DEFAULTS,
  create: ({ options }) =>
    percentileRule('median', {
      ...mergeOptions('median stopper', MEDIAN_DEFAULTS, options),
      percentile: 50,
    }),
};
