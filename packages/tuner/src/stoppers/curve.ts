// Reading a trial's intermediate curve and wording decisions: shared by every stopper.

import type { CurvePoint, Direction } from '../trial.js';
import type { StopperContext } from './stopper.js';

/** Three significant digits: enough to read a reason, short enough to scan a log of them. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

/** "epoch 4": steps print exactly (epoch 1234 must not read as 1230). */
export function at(ctx: StopperContext, step: number): string {
  return `${ctx.stepName} ${step}`;
}

/** a strictly worse than b (NaN is worse than any number). */
export function worse(direction: Direction, a: number, b: number): boolean {
  if (Number.isNaN(a)) return !Number.isNaN(b);
  return direction === 'minimize' ? a > b : a < b;
}

/** Best value up to and including `step` (NaN if none is a number). */
export function bestUpTo(
  points: readonly CurvePoint[],
  step: number,
  direction: Direction,
): number {
  let best = NaN;
  for (const [s, v] of points) {
    if (s > step) break;
    if (Number.isNaN(best) || worse(direction, best, v)) best = v;
  }
  return best;
}

/** The first point at or after `step` (binary search; points are sorted), if any. */
export function firstAtOrAfter(
  points: readonly CurvePoint[],
  step: number,
): CurvePoint | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] < step) lo = mid + 1;
    else hi = mid;
  }
  return points[lo];
}

/** Sorted best-first; NaN last. */
export function sortBestFirst(values: number[], direction: Direction): number[] {
  return values.sort((a, b) => (worse(direction, a, b) ? 1 : worse(direction, b, a) ? -1 : 0));
}
