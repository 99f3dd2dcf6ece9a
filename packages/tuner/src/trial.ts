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
  /** The final objective; present exactly when state is 'completed'. */
  readonly value?: number;
  /**
   * Intermediate reports sorted by step, one per step (a repeated step replaces the value). The
   * study appends to this array in place while the trial runs.
   */
  readonly intermediate: readonly CurvePoint[];
}

/** Which way the objective improves: the one list every layer above takes its names from. */
export const DIRECTIONS = ['minimize', 'maximize'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Whether `a` is strictly better than `b` under the study direction. */
export function isBetter(direction: Direction, a: number, b: number): boolean {
  return direction === 'minimize' ? a < b : a > b;
}
