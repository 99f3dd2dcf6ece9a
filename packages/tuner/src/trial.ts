// Trials as samplers and stoppers see them: plain, frozen data.

import type { Params } from './space.js';

/**
 * running: asked, not yet told (its params are pending: samplers must not propose them again);
 * completed: told a finite value; failed: crashed or told NaN; pruned: stopped early by a stopper.
 */
export type TrialState = 'running' | 'completed' | 'failed' | 'pruned';

/** One intermediate report: [step, value], e.g. [epoch, validation loss]. */
export type CurvePoint = readonly [step: number, value: number];

export interface FrozenTrial {
  /** The trial number: 0, 1, 2... in the order trials were created (asked or added). */
  readonly id: number;
  readonly params: Params;
  readonly state: TrialState;
  /**
   * The final objective; present exactly when state is 'completed'. With several objectives, the
   * primary one's value (the first objective when no primary is named).
   */
  readonly value?: number;
  /** Every objective's value in the study's objective order; present exactly when completed. */
  readonly values?: readonly number[];
  /** The constraint metrics as told (study order), when the study has constraints. */
  readonly constraints?: readonly number[];
  /**
   * Total constraint violation, sum of max(0, metric - max) (NaN metrics count as infinite); 0 is
   * feasible. Present when the study has constraints and the trial completed.
   */
  readonly violation?: number;
  /**
   * Intermediate reports sorted by step, one per step (a repeated step replaces the value). The
   * study appends to this array in place while the trial runs.
   */
  readonly intermediate: readonly CurvePoint[];
}

/** Which way the objective improves: the one list every layer above takes its names from. */
export const DIRECTIONS = ['minimize', 'maximize'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One objective of a study: its name (how `tell({ metrics })` and reasons refer to it) and goal. */
export interface Objective {
  readonly name: string;
  readonly direction: Direction;
}

/**
 * A bound on a reported metric: feasible when `metric <= max` (Optuna's `c <= 0` is max 0), or when
 * `metric >= min`; exactly one of the two.
 */
export type Constraint =
  | { readonly metric: string; readonly max: number; readonly min?: undefined }
  | { readonly metric: string; readonly min: number; readonly max?: undefined };

/** Whether a trial satisfies every constraint (a trial of an unconstrained study always does). */
export function isFeasible(trial: FrozenTrial): boolean {
  return (trial.violation ?? 0) === 0;
}

/**
 * A completed trial's objective values as losses (every objective minimized: maximized ones are
 * negated), the form dominance, sorting and hypervolume work on.
 */
export function lossesOf(directions: readonly Direction[], trial: FrozenTrial): number[] {
  return directions.map((d, i) => (d === 'minimize' ? trial.values![i] : -trial.values![i]));
}

/** Whether `a` is strictly better than `b` under the study direction. */
export function isBetter(direction: Direction, a: number, b: number): boolean {
  return direction === 'minimize' ? a < b : a > b;
}
