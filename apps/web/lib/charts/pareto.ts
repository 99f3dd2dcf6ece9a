import type { TrialTable } from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps/spec';
import {
  hypervolumeHistoryOf,
  objectivePointsOf,
  paretoFrontOf,
  type ObjectivePoint,
} from '@sweepwise/sweeps/study-config';
import { rowMetrics } from '../sweep-live';

// The Pareto views of the sweep page, from the live trial table with the shared code of
// @sweepwise/sweeps: the front, feasibility and hypervolume are computed there, once.

export type ObjectivesSpec = Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>;

/** A completed trial as the Pareto views read it. */
export interface FrontTrial {
  number: number;
  value: number | null;
  metrics: Record<string, number | null>;
}

export interface ParetoView {
  /** Completed trials with every objective and bound metric: feasible or not. */
  points: ObjectivePoint<FrontTrial>[];
  /** Numbers of the trials on the sweep's front (every objective, feasible only). */
  front: Set<number>;
  hypervolume: ReturnType<typeof hypervolumeHistoryOf<FrontTrial>>;
}

export function paretoView(table: TrialTable, spec: ObjectivesSpec): ParetoView {
  const trials: FrontTrial[] = [];
  table.numbers.forEach((number, i) => {
    if (table.states[i] !== 'completed') return;
    trials.push({ number, value: table.values[i], metrics: rowMetrics(table, i) });
  });
  return {
    points: objectivePointsOf(spec, trials),
    front: new Set(paretoFrontOf(spec, trials).map((t) => t.number)),
    hypervolume: hypervolumeHistoryOf(spec, trials),
  };
}

type Objective = { name: string; goal: 'minimize' | 'maximize' };

/**
 * The front of two objectives as a staircase: its feasible points sorted by `x`, and between two
 * neighbours the corner both dominate (the worse of each coordinate), so the line bounds the
 * region the front dominates.
 */
export function frontStaircase(
  spec: ObjectivesSpec,
  points: readonly ObjectivePoint<FrontTrial>[],
  x: Objective,
  y: Objective,
): [number, number][] {
  // Already feasible: the pair's front reads the two objectives from each point's values.
  const pair = { metric: x, metrics: [x, y], constraints: [] };
  const rows = points.filter((p) => p.feasible).map((p) => ({ value: null, metrics: p.values }));
  const xy = paretoFrontOf(pair, rows)
    .map((r) => [r.metrics[x.name], r.metrics[y.name]] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const worse = (goal: Objective['goal'], a: number, b: number) =>
    goal === 'minimize' ? Math.max(a, b) : Math.min(a, b);
  const line: [number, number][] = [];
  xy.forEach((p, k) => {
    if (k > 0) line.push([worse(x.goal, xy[k - 1][0], p[0]), worse(y.goal, xy[k - 1][1], p[1])]);
    line.push(p);
  });
  return line;
}
