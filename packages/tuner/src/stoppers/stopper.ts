// The early-stopping contract. A study owns at most one stopper; the lifecycle is:
//   1. `factory.create({ options })` when the study is created, or `create({ options, state })`
//      on reload, `state` being what `toJSON()` returned;
//   2. `decide(ctx)` on every `study.shouldStop(id)`, normally right after `study.report(...)`.
//      `ctx.trial` is the running trial asking; `ctx.trials` holds every trial (completed ones are
//      the usual peers). The decision is data; the study does not prune by itself: the caller stops
//      training and tells `{ state: 'pruned' }`;
//   3. `toJSON()` when the study is serialized (e.g. ASHA's record of rungs already judged).

import type { Settings } from '../settings.js';
import type { Direction, FrozenTrial } from '../trial.js';

export interface StopperContext {
  readonly direction: Direction;
  readonly trial: FrozenTrial;
  /** All trials in id order, the asking trial included. */
  readonly trials: readonly FrozenTrial[];
  /** How reasons name the metric and the step, e.g. "validation loss" and "epoch". */
  readonly metricName: string;
  readonly stepName: string;
}

export interface StopDecision {
  readonly stop: boolean;
  /** The stopper type that decided ('median', 'asha'...), or 'none'. */
  readonly rule: string;
  /** One sentence, e.g. "stopped at epoch 4: validation loss 0.412 is worse than the median...". */
  readonly reason: string;
  /** The latest reported step and the value the rule judged. */
  readonly step?: number;
  readonly value?: number;
  /** The bound the value was compared with (median, rung cut-off, best so far...). */
  readonly threshold?: number;
  /** 1-based rank of the value among the peers, best first, where the rule ranks. */
  readonly rank?: number;
  /** How many trials the rule compared against. */
  readonly peers?: number;
}

export interface Stopper {
  readonly type: string;
  decide(ctx: StopperContext): StopDecision;
  toJSON(): unknown;
}

export interface StopperFactory {
  readonly type: string;
  /** Every setting declared once: kind, default, bounds, help (../settings.ts). */
  readonly settings: Settings;
  /** The settings' defaults, derived from `settings`. */
  readonly defaults: Readonly<Record<string, unknown>>;
  create(args: { options: Readonly<Record<string, unknown>>; state?: unknown }): Stopper;
}
