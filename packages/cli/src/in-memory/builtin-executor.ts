import type { SweepSpec } from '@sweepwise/sweeps';
// The worker's synthetic objectives, so a builtin sweep gives the same curves here as there.
import { builtinRunner } from '@sweepwise/worker/dist/runners/builtin-runner.js';
import type { TrialExecutor, TrialOutcome, TrialTask } from './executor.js';

/** Runs `builtin:` trials (synthetic objectives: smoke tests, demos) on the event loop. */
export function builtinExecutor(body: SweepSpec, options: { capacity: number }): TrialExecutor {
  if (!('builtin' in body.workload)) throw new Error('builtinExecutor needs a builtin workload');
  const sweep = {
    id: 'in-memory',
    workload: body.workload,
    objectiveMetric: body.metric.name,
    direction: body.metric.goal,
    algorithm: body.algorithm.type,
    hasStopper: body.stopper !== null,
  } as Parameters<typeof builtinRunner.run>[0]['sweep'];
  return {
    capacity: options.capacity,
    async run(task: TrialTask): Promise<TrialOutcome> {
      let steps = 0;
      try {
        const result = await builtinRunner.run(
          {
            sweep,
            trial: { id: task.trialId, number: task.number, params: task.params, attempt: 1 },
            resumeFrom: null,
            signal: task.signal,
          },
          {
            report: (step, metrics) => {
              steps += 1;
              return task.signal.aborted ? Promise.resolve('stop') : task.onReport(step, metrics);
            },
            checkpoint: async () => {},
          },
        );
        const metrics = Object.fromEntries(
          Object.entries(result.metrics).filter(
            (e): e is [string, number] => typeof e[1] === 'number',
          ),
        );
        if (result.status === 'failed')
          return { status: 'failed', metrics, steps, reason: result.error ?? 'failed' };
        if (result.status === 'stopped')
          return {
            status: task.signal.aborted ? 'cancelled' : 'pruned',
            metrics,
            steps,
            reason: null,
          };
        return { status: 'completed', metrics, steps, reason: null };
      } catch (err) {
        return { status: 'failed', metrics: {}, steps, reason: (err as Error).message };
      }
    },
    close: async () => {},
  };
}
