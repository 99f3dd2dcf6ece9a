// Asynchronous successive halving (ASHA; Li et al. 2020, "A System for Massively Parallel
// Hyperparameter Tuning", MLSys). Rung k sits at resource minResource * eta^(minEarlyStoppingRate + k)
// (below maxResource, where a trial simply finishes). When a trial first reports at or past a rung,
// its value there (the first report at or after the rung's step) is ranked against every trial that
// reached the rung so far; it goes on only if it is in the top 1/eta. The first eta - 1 trials of a
// rung go on only if they are the best so far, as in Optuna's SuccessiveHalvingPruner, since trials
// cannot be paused and resumed later as the paper's promotions assume.

import { OPTION_LIMITS, OptionsError } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';
import type { FrozenTrial } from '../trial.js';
import { at, firstAtOrAfter, fmt, sortBestFirst, worse } from './curve.js';
import type { StopDecision, Stopper, StopperContext, StopperFactory } from './stopper.js';

export const ASHA_SETTINGS = defineSettings({
  minResource: {
    kind: 'real',
    default: 1,
    above: 0,
    max: OPTION_LIMITS.step,
    help: 'Step of the first rung (e.g. 1 epoch).',
  },
  // Past eta = 100 the first rung keeps 1% of trials: the rule stops everything.
  reductionFactor: {
    kind: 'real',
    default: 3,
    min: 2,
    max: 100,
    help: 'eta: each rung keeps the top 1/eta (Li et al. 2018, Hyperband, §3: "eta = 3 or 4").',
  },
  maxResource: {
    kind: 'real',
    default: null,
    nullable: true,
    above: { setting: 'minResource' },
    max: OPTION_LIMITS.step,
    help: 'The step where a trial is done; no rung at or beyond it. Empty: rungs go on forever.',
  },
  // eta^30 with eta >= 2 is past any step count.
  minEarlyStoppingRate: {
    kind: 'int',
    default: 0,
    min: 0,
    max: 30,
    help: 's: the first rung sits at minResource * eta^s (Hyperband brackets use s = 0, 1, 2...).',
  },
});

export const ASHA_DEFAULTS = defaultsOf(ASHA_SETTINGS);
export type AshaOptions = OptionsOf<typeof ASHA_SETTINGS>;

/** Per trial id: the highest rung index it was already allowed past. */
interface AshaState {
  readonly promoted: Record<string, number>;
}

function parseState(state: unknown): AshaState {
  if (state === undefined) return { promoted: {} };
  const promoted = (state as AshaState)?.promoted;
  if (typeof promoted !== 'object' || promoted === null) {
    throw new OptionsError('stopperState', 'asha state must be { promoted: { [trialId]: rung } }');
  }
  return { promoted: { ...promoted } };
}

export class AshaRule implements Stopper {
  readonly type: string;
  private readonly promoted: Record<string, number>;

  constructor(
    private readonly o: AshaOptions,
    state?: unknown,
    type = 'asha',
  ) {
    this.type = type;
    this.promoted = parseState(state).promoted;
  }

  /** The step of rung k, or null when it would reach maxResource. */
  rungStep(k: number): number | null {
    const step = this.o.minResource * this.o.reductionFactor ** (this.o.minEarlyStoppingRate + k);
    return this.o.maxResource !== null && step >= this.o.maxResource ? null : step;
  }

  decide(ctx: StopperContext): StopDecision {
    const rule = this.type;
    const { trial } = ctx;
    const last = trial.intermediate[trial.intermediate.length - 1];
    if (!last) return { stop: false, rule, reason: 'no value reported yet' };
    const step = last[0];
    const done = this.promoted[trial.id] ?? -1;
    // Judge every rung passed since the last decision, lowest first.
    for (let k = done + 1; ; k++) {
      const rungStep = this.rungStep(k);
      if (rungStep === null || rungStep > step) break;
      const decision = this.judge(ctx, k, rungStep);
      if (decision.stop) return decision;
      this.promoted[trial.id] = k;
    }
    const passed = this.promoted[trial.id] ?? -1;
    const next = this.rungStep(passed + 1);
    const where = `continues at ${at(ctx, step)}`;
    const sofar = passed >= 0 ? `passed the rung at ${at(ctx, this.rungStep(passed)!)}` : '';
    const ahead = next === null ? 'no rung ahead' : `next rung at ${at(ctx, next)}`;
    return {
      stop: false,
      rule,
      step,
      reason: `${where}: ${[sofar, ahead].filter(Boolean).join('; ')}`,
    };
  }

  private judge(ctx: StopperContext, k: number, rungStep: number): StopDecision {
    const { trial, direction } = ctx;
    const own = firstAtOrAfter(trial.intermediate, rungStep)!;
    const value = own[1];
    const competing = rungValues(ctx.trials, trial.id, rungStep);
    competing.push(value);
    sortBestFirst(competing, direction);
    const eta = this.o.reductionFactor;
    const keep = Math.max(1, Math.floor(competing.length / eta));
    const threshold = competing[keep - 1];
    const rank = 1 + competing.filter((c) => worse(direction, value, c)).length;
    const stop = rank > keep || Number.isNaN(value);
    const rung = `the rung at ${at(ctx, rungStep)}`;
    const standing = `${ctx.metricName} ${fmt(value)} ranks ${rank} of ${competing.length} at ${rung}`;
    const cut = `the top ${keep} (1/${fmt(eta)}) go on`;
    return {
      stop,
      rule: this.type,
      step: own[0],
      value,
      threshold,
      rank,
      peers: competing.length - 1,
      reason: stop
        ? `stopped at ${at(ctx, own[0])}: ${standing}; only ${cut}`
        : `continues at ${at(ctx, own[0])}: ${standing}; ${cut} (rung ${k})`,
    };
  }

  toJSON(): AshaState {
    return { promoted: { ...this.promoted } };
  }
}

/** Values of the other trials that reached a rung: each one's first report at or after it. */
function rungValues(trials: readonly FrozenTrial[], self: number, rungStep: number): number[] {
  const values: number[] = [];
  for (const t of trials) {
    if (t.id === self || t.state === 'failed') continue;
    const point = firstAtOrAfter(t.intermediate, rungStep);
    if (point) values.push(point[1]);
  }
  return values;
}

export const ashaStopper: StopperFactory = {
  type: 'asha',
  settings: ASHA_SETTINGS,
  defaults: ASHA_DEFAULTS,
  create: ({ options, state }) =>
    new AshaRule(resolveSettings('asha stopper', ASHA_SETTINGS, options), state),
};
