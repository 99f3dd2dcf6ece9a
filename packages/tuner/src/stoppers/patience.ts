// Patience: stop a trial whose best value has not improved (by more than minDelta) for `patience`
// consecutive reports, the early stopping of Keras' EarlyStopping applied across a sweep.

import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { at, fmt } from './curve.js';
import type { StopperFactory } from './stopper.js';

export const PATIENCE_SETTINGS = defineSettings({
  patience: {
    kind: 'int',
    default: 5,
    min: 1,
    max: OPTION_LIMITS.step,
    help: "Reports without improvement before stopping (Keras' EarlyStopping patience).",
  },
  minDelta: {
    kind: 'real',
    default: 0,
    min: 0,
    help: "An improvement smaller than this does not count (Keras' min_delta).",
  },
  warmupSteps: {
    kind: 'real',
    default: 0,
    min: 0,
    max: OPTION_LIMITS.step,
    help: 'Never stop before this step.',
  },
});

export const PATIENCE_DEFAULTS = defaultsOf(PATIENCE_SETTINGS);

export const patienceStopper: StopperFactory = {
  type: 'patience',
  settings: PATIENCE_SETTINGS,
  defaults: PATIENCE_DEFAULTS,
  create({ options }) {
    const { patience, minDelta, warmupSteps } = resolveSettings(
      'patience stopper',
      PATIENCE_SETTINGS,
      options,
    );
    return {
      type: 'patience',
      toJSON: () => null,
      decide(ctx) {
        const rule = 'patience';
        const points = ctx.trial.intermediate;
        if (points.length === 0) return { stop: false, rule, reason: 'no value reported yet' };
        const sign = ctx.direction === 'minimize' ? 1 : -1;
        let bestIndex = -1;
        points.forEach(([, v], i) => {
          if (!Number.isFinite(v)) return;
          if (bestIndex < 0 || sign * (points[bestIndex][1] - v) > minDelta) bestIndex = i;
        });
        const step = points[points.length - 1][0];
        const since = points.length - 1 - bestIndex;
        if (bestIndex < 0) {
          // Every report is NaN or infinite: the run diverged and will not recover.
          const reason = `stopped at ${at(ctx, step)}: no finite ${ctx.metricName} reported`;
          return { stop: true, rule, step, reason };
        }
        const [bestStep, best] = points[bestIndex];
        const stop = since >= patience && step >= warmupSteps;
        const history = `${ctx.metricName} has not improved on ${fmt(best)} (${at(ctx, bestStep)}) for ${since} reports`;
        return {
          stop,
          rule,
          step,
          value: points[points.length - 1][1],
          threshold: best,
          reason: stop
            ? `stopped at ${at(ctx, step)}: ${history}`
            : since === 0
              ? `continues at ${at(ctx, step)}: ${ctx.metricName} ${fmt(best)} is its best so far`
              : `continues at ${at(ctx, step)}: ${history}, patience is ${patience}`,
        };
      },
    };
  },
};
