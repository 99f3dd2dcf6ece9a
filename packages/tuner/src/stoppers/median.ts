// Median stopping rule (Golovin et al. 2017, "Google Vizier", sec. 3.2.2): stop a trial when its
// best value so far is worse than the median of the completed trials' running averages at the same
// step. It is the percentile rule at 50, as Optuna's MedianPruner is its PercentilePruner.

import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { PERCENTILE_SETTINGS, percentileRule } from './percentile.js';
import type { StopperFactory } from './stopper.js';

export const MEDIAN_SETTINGS = defineSettings({
  warmupSteps: PERCENTILE_SETTINGS.warmupSteps,
  minTrials: PERCENTILE_SETTINGS.minTrials,
});

export const MEDIAN_DEFAULTS = defaultsOf(MEDIAN_SETTINGS);

export const medianStopper: StopperFactory = {
  type: 'median',
  settings: MEDIAN_SETTINGS,
  defaults: MEDIAN_DEFAULTS,
  create: ({ options }) =>
    percentileRule('median', {
      ...resolveSettings('median stopper', MEDIAN_SETTINGS, options),
      percentile: 50,
    }),
};
