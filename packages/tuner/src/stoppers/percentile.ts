// Percentile stopping rule: stop a trial when its best value so far is worse than the given
// percentile of the completed trials' running averages at the same step (running averages as in
// Golovin et al. 2017, "Google Vizier", sec. 3.2.2; the median rule is this rule at 50).

import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import type { CurvePoint, FrozenTrial } from '../trial.js';
import { at, bestUpTo, fmt, worse } from './curve.js';
import type { StopDecision, Stopper, StopperContext, StopperFactory } from './stopper.js';

export const PERCENTILE_SETTINGS = defineSettings({
  percentile: {
    kind: 'real',
    default: 25,
    above: 0,
    max: 100,
    help: 'Stop below this percentile of peers (50 = median); for maximize, mirrored (top p%).',
  },
  warmupSteps: {
    kind: 'real',
    default: 0,
    min: 0,
    max: OPTION_LIMITS.step,
    help: 'Never stop before this step: early curves are noisy.',
  },
  minTrials: {
    kind: 'int',
    default: 5,
    min: 1,
    max: OPTION_LIMITS.trials,
    help: 'Completed trials that must have reached the step before anyone is stopped.',
  },
});

export const PERCENTILE_DEFAULTS = defaultsOf(PERCENTILE_SETTINGS);

/** Linear-interpolated percentile of sorted ascending values (numpy's default method). */
function percentileOf(sorted: readonly number[], q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Running averages of a completed trial's curve, as prefix sums: a completed curve never changes,
 * so each is built once and every later decision costs a binary search per peer.
 */
class RunningAverages {
  private readonly steps: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;

  constructor(points: readonly CurvePoint[]) {
    // Plain loops: Float64Array.from with a map function is ~10x slower on V8.
    this.steps = new Float64Array(points.length);
    this.sums = new Float64Array(points.length);
    this.counts = new Float64Array(points.length);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < points.length; i++) {
      const [step, v] = points[i];
      if (Number.isFinite(v)) {
        sum += v;
        n++;
      }
      this.steps[i] = step;
      this.sums[i] = sum;
      this.counts[i] = n;
    }
  }

  /** Mean of the finite values up to `step`; NaN if the curve never reached `step`. */
  at(step: number): number {
    const last = this.steps.length - 1;
    if (last < 0 || this.steps[last] < step) return NaN;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.steps[mid] <= step) lo = mid;
      else hi = mid - 1;
    }
    if (this.steps[lo] > step) return NaN;
    return this.counts[lo] > 0 ? this.sums[lo] / this.counts[lo] : NaN;
  }
}

const averagesCache = new WeakMap<FrozenTrial, RunningAverages>();

function runningAverages(trial: FrozenTrial): RunningAverages {
  let averages = averagesCache.get(trial);
  if (!averages) averagesCache.set(trial, (averages = new RunningAverages(trial.intermediate)));
  return averages;
}

function ordinal(p: number): string {
  if (p === 50) return 'median';
  const suffix =
    p % 10 === 1 && p !== 11
      ? 'st'
      : p % 10 === 2 && p !== 12
        ? 'nd'
        : p % 10 === 3 && p !== 13
          ? 'rd'
          : 'th';
  return `${p}${suffix} percentile`;
}

/** The rule with settings already resolved (by the percentile or the median stopper). */
export function percentileRule(
  rule: string,
  opts: { percentile: number; warmupSteps: number; minTrials: number },
): Stopper {
  const decide = (ctx: StopperContext): StopDecision => {
    const { trial, direction } = ctx;
    const last = trial.intermediate[trial.intermediate.length - 1];
    if (!last) return { stop: false, rule, reason: 'no value reported yet' };
    const step = last[0];
    if (step < opts.warmupSteps) {
      return { stop: false, rule, step, reason: `warming up until ${at(ctx, opts.warmupSteps)}` };
    }
    const value = bestUpTo(trial.intermediate, step, direction);
    const averages: number[] = [];
    for (const t of ctx.trials) {
      if (t.state !== 'completed' || t.id === trial.id) continue;
      const avg = runningAverages(t).at(step);
      if (!Number.isNaN(avg)) averages.push(avg);
    }
    const peers = averages.length;
    if (peers < opts.minTrials) {
      return {
        stop: false,
        rule,
        step,
        value,
        peers,
        reason: `continues at ${at(ctx, step)}: only ${peers} completed trials reached ${at(ctx, step)}, the rule needs ${opts.minTrials}`,
      };
    }
    averages.sort((a, b) => a - b);
    const q = direction === 'minimize' ? opts.percentile : 100 - opts.percentile;
    const threshold = percentileOf(averages, q);
    const stop = worse(direction, value, threshold);
    const rank = 1 + averages.filter((a) => worse(direction, value, a)).length;
    const name = `${ctx.metricName} ${fmt(value)}`;
    const versus = `the ${ordinal(opts.percentile)} ${fmt(threshold)} of ${peers} trials at ${at(ctx, step)}`;
    return {
      stop,
      rule,
      step,
      value,
      threshold,
      rank,
      peers,
      reason: stop
        ? `stopped at ${at(ctx, step)}: ${name} is worse than ${versus}`
        : `continues at ${at(ctx, step)}: ${name} is not worse than ${versus}`,
    };
  };
  return { type: rule, decide, toJSON: () => null };
}

export const percentileStopper: StopperFactory = {
  type: 'percentile',
  settings: PERCENTILE_SETTINGS,
  defaults: PERCENTILE_DEFAULTS,
  create: ({ options }) =>
    percentileRule(
      'percentile',
      resolveSettings('percentile stopper', PERCENTILE_SETTINGS, options),
    ),
};
