// Threshold: stop a trial as soon as its latest value is worse than a fixed bound (above it when
// minimizing, below when maximizing) or is not a number, e.g. a loss that diverged.

import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { at, fmt, worse } from './curve.js';
import type { StopperFactory } from './stopper.js';

export const THRESHOLD_SETTINGS = defineSettings({
  bound: {
    kind: 'real',
    default: null,
    required: true,
    help: 'The worst acceptable value (required): above it when minimizing, below when maximizing.',
  },
  warmupSteps: {
    kind: 'real',
    default: 0,
    min: 0,
    max: OPTION_LIMITS.step,
    help: 'Never stop before this step (a NaN value stops even then).',
  },
});

export const THRESHOLD_DEFAULTS = defaultsOf(THRESHOLD_SETTINGS);

export const thresholdStopper: StopperFactory = {
  type: 'threshold',
  settings: THRESHOLD_SETTINGS,
  defaults: THRESHOLD_DEFAULTS,
  create({ options }) {
    const o = resolveSettings('threshold stopper', THRESHOLD_SETTINGS, options);
    const bound = o.bound!;
    const warmupSteps = o.warmupSteps;
    return {
      type: 'threshold',
      toJSON: () => null,
      decide(ctx) {
        const rule = 'threshold';
        const last = ctx.trial.intermediate[ctx.trial.intermediate.length - 1];
        if (!last) return { stop: false, rule, reason: 'no value reported yet' };
        const [step, value] = last;
        // A NaN loss stops even during warm-up: it will not recover.
        const stop =
          Number.isNaN(value) || (step >= warmupSteps && worse(ctx.direction, value, bound));
        const side = ctx.direction === 'minimize' ? 'above' : 'below';
        return {
          stop,
          rule,
          step,
          value,
          threshold: bound,
          reason: stop
            ? `stopped at ${at(ctx, step)}: ${ctx.metricName} ${fmt(value)} is ${Number.isNaN(value) ? 'not a number' : `${side} the bound ${fmt(bound)}`}`
            : step < warmupSteps
              ? `warming up until ${at(ctx, warmupSteps)}`
              : `continues at ${at(ctx, step)}: ${ctx.metricName} ${fmt(value)} is within the bound ${fmt(bound)}`,
        };
      },
    };
  },
};
