// Hyperband (Li et al. 2018, JMLR) as a set of ASHA brackets, like Optuna's HyperbandPruner:
// bracket s starts its rungs at minResource * eta^s, so bracket 0 stops aggressively and the last
// runs every trial to maxResource. A trial is assigned to one bracket by a hash of its id, weighted
// by each bracket's budget, and is only ranked against trials of its own bracket.

import { OptionsError } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { ASHA_SETTINGS, AshaRule } from './asha.js';
import type { StopDecision, Stopper, StopperContext, StopperFactory } from './stopper.js';

export const HYPERBAND_SETTINGS = defineSettings({
  minResource: ASHA_SETTINGS.minResource,
  maxResource: {
    ...ASHA_SETTINGS.maxResource,
    nullable: false,
    required: true,
    help: 'The step where a trial is done (required); it sets the number of brackets.',
  },
  reductionFactor: ASHA_SETTINGS.reductionFactor,
});

export const HYPERBAND_DEFAULTS = defaultsOf(HYPERBAND_SETTINGS);

/** A billion steps at eta = 2 is 30 brackets; more only come from a tiny minResource. */
export const HYPERBAND_MAX_BRACKETS = 32;

/** A well-mixed 32-bit hash of a trial id (murmur3's finalizer), so brackets do not follow ids. */
function hashId(id: number): number {
  let h = (id ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class HyperbandRule implements Stopper {
  readonly type = 'hyperband';
  private readonly brackets: AshaRule[];
  /** Cumulative budgets: a trial goes to the first bracket whose cumulative budget exceeds its hash. */
  private readonly cumulative: number[];

  constructor(options: Readonly<Record<string, unknown>>, state?: unknown) {
    const o = resolveSettings('hyperband stopper', HYPERBAND_SETTINGS, options);
    const base = { ...o, minEarlyStoppingRate: 0 };
    const eta = base.reductionFactor;
    // Brackets s = 0..n-1 with n = floor(log_eta(max/min)) + 1 (Li et al. 2018, Algorithm 1);
    // the epsilon keeps an exact power of eta from rounding down.
    const n = Math.floor(Math.log(base.maxResource! / base.minResource) / Math.log(eta) + 1e-9) + 1;
    if (n > HYPERBAND_MAX_BRACKETS) {
      throw new OptionsError(
        'maxResource',
        `maxResource / minResource must give <= ${HYPERBAND_MAX_BRACKETS} brackets at reductionFactor ${eta}, got ${n}`,
      );
    }
    const saved = (state as { brackets?: unknown[] } | undefined)?.brackets;
    if (state !== undefined && (!Array.isArray(saved) || saved.length !== n)) {
      throw new OptionsError('stopperState', `hyperband state must hold ${n} brackets`);
    }
    this.brackets = Array.from(
      { length: n },
      (_, s) => new AshaRule({ ...base, minEarlyStoppingRate: s }, saved?.[s], 'hyperband'),
    );
    // Bracket s gets budget ceil(n * eta^(n-1-s) / (n - s)): the number of trials Hyperband
    // starts in it (Li et al. 2018, Algorithm 1; the same weights as Optuna).
    let total = 0;
    this.cumulative = this.brackets.map(
      (_, s) => (total += Math.ceil((n * eta ** (n - 1 - s)) / (n - s))),
    );
  }

  bracketOf(trialId: number): number {
    const total = this.cumulative[this.cumulative.length - 1];
    const h = hashId(trialId) % total;
    return this.cumulative.findIndex((c) => h < c);
  }

  decide(ctx: StopperContext): StopDecision {
    const b = this.bracketOf(ctx.trial.id);
    const trials = ctx.trials.filter((t) => this.bracketOf(t.id) === b);
    const d = this.brackets[b].decide({ ...ctx, trials });
    return { ...d, reason: `${d.reason} (bracket ${b + 1} of ${this.brackets.length})` };
  }

  toJSON(): { brackets: unknown[] } {
    return { brackets: this.brackets.map((r) => r.toJSON()) };
  }
}

export const hyperbandStopper: StopperFactory = {
  type: 'hyperband',
  settings: HYPERBAND_SETTINGS,
  defaults: HYPERBAND_DEFAULTS,
  create: ({ options, state }) => new HyperbandRule(options, state),
};
