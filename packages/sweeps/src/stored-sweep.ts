import type { Direction } from '@sweepwise/tuner';
import type { SweepBody, Workload } from './sweep-file.js';

/** The columns of a stored sweep row that hold its body (packages/db's Sweep has them). */
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
 * A stored sweep as the body that created it: what export writes as a sweep file and what clone
 * creates again. createSweep stores the algorithm's type in its own column and the rest of its
 * settings as JSON; this puts them back together.
 */
export function sweepBodyOf(sweep: StoredSweep): SweepBody {
  const workload = sweep.workload as unknown as Workload;
  const normalized: Workload =
    'command' in workload
      ? {
          command: {
            program: workload.command.program,
            args: workload.command.args ?? [],
            env: workload.command.env ?? {},
            timeoutS: workload.command.timeoutS ?? null,
          },
        }
      : workload;
  return {
    name: sweep.name,
    workload: normalized,
    objective: { metric: sweep.objectiveMetric, direction: sweep.direction },
    space: sweep.space as SweepBody['space'],
    algorithm: { type: sweep.algorithm, ...(sweep.algorithmSettings as object) },
    stopper: (sweep.stopper as SweepBody['stopper']) ?? null,
    budget: {
      maxTrials: sweep.maxTrials,
      maxConcurrentTrials: sweep.maxConcurrentTrials,
      maxWallTimeS: sweep.maxWallTimeS,
    },
  };
}
