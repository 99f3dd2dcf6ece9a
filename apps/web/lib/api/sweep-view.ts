import type { SweepSummary } from '@sweepwise/db';
import { sweepSpecOf } from '@sweepwise/sweeps';

/** A sweep row as every API answer shows it: secret env values left out (only workers get them). */
export function sweepView<S extends { spec: unknown }>(sweep: S): S {
  return { ...sweep, spec: sweepSpecOf(sweep) };
}

/**
 * A row of GET /api/v1/sweeps, its fields named as the SweepSpec names them (`metric.name`,
 * `metric.goal`, `algorithm.type`, `budget.maxTrials`), beside the progress the list adds.
 */
export function sweepListItem({
  algorithm,
  objectiveMetric,
  direction,
  maxTrials,
  ...rest
}: SweepSummary) {
  return {
    ...rest,
    metric: { name: objectiveMetric, goal: direction },
    algorithm: { type: algorithm },
    budget: { maxTrials },
  };
}
