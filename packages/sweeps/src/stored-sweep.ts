import type { Direction } from '@sweepwise/tuner';
import type { SweepSpec } from './spec.js';

/** The columns of a stored sweep row that hold its spec (packages/db's Sweep has them). */
export interface StoredSweep {
  name: string;
  workload: unknown;
  objectiveMetric: string;
  direction: Direction;
  space: unknown;
  algorithm: string;
  algorithmSettings: unknown;
  stopper: unknown;
  maxTrials: number;
  maxConcurrentTrials: number;
  maxWallTimeS: number | null;
}

/**
 * A stored sweep as the SweepSpec that created it: what export writes as a sweep file and what
 * clone creates again. createSweep stores the algorithm's type in its own column and the rest of
 * its settings as JSON; this puts them back together.
 */
export function sweepSpecOf(sweep: StoredSweep): SweepSpec {
  return {
    name: sweep.name,
    workload: sweep.workload as SweepSpec['workload'],
    metric: { name: sweep.objectiveMetric, goal: sweep.direction },
    parameters: sweep.space as SweepSpec['parameters'],
    algorithm: { type: sweep.algorithm, ...(sweep.algorithmSettings as object) },
    stopper: (sweep.stopper as SweepSpec['stopper']) ?? null,
    budget: {
      maxTrials: sweep.maxTrials,
      maxConcurrentTrials: sweep.maxConcurrentTrials,
      maxWallTimeS: sweep.maxWallTimeS,
    },
  };
}
