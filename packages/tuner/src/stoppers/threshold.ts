// Threshold: stop a trial as soon as its latest value is worse than a fixed bound (above it when
// minimizing, below when maximizing) or is not a number, e.g. a loss that diverged.

import { OPTION_LIMITS, OptionsError, checkNumber, mergeOptions } from '../options.js';
import { at, fmt, worse } from './curve.js';
import type { StopperFactory } from './stopper.js';

export const THRESHOLD_DEFAULTS = {
  /** Required: the worst acceptable value. */
  bound: null as number | null,
  warmupSteps: 0,
};

export const thresholdStopper: StopperFactory = {
  type: 'threshold',
  defaults: THRESHOLD_DEFAULTS,
  create({ options }) {
    const o = mergeOptions('threshold stopper', THRESHOLD_DEFAULTS, options);
    if (o.bound === null)
      throw new OptionsError('bound', 'bound is required for threshold, got null');
    const bound = checkNumber('bound', o.bound, {});
    const warmupSteps = checkNumber('warmupSteps', o.warmupSteps, {
      min: 0,
      max: OPTION_LIMITS.step,
    });
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
