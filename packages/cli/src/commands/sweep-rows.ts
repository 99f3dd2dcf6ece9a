import type { Sweep, SweepBody, Workload } from '@sweepwise/db';

/** A stored sweep as the body that created it: what `export` writes back as a sweep file. */
export function bodyOfSweep(sweep: Sweep): SweepBody {
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
