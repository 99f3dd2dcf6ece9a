import type { CommandWorkload } from '@sweepwise/sweeps';
// The worker's runner, shared so a command trial behaves the same on the platform and here.
import { runCommandTrial } from '@sweepwise/worker/dist/runners/command-runner.js';
import type { TrialExecutor, TrialOutcome, TrialTask } from './executor.js';

/** The runner's statuses as the sweep sees them: a time-out fails the trial. */
const OUTCOME_OF = {
  completed: 'completed',
  stopped: 'pruned',
  failed: 'failed',
  timeout: 'failed',
  cancelled: 'cancelled',
} as const;

/** Runs `command:` trials as child processes; each process is its own OS process already. */
export function commandExecutor(
  command: CommandWorkload,
  options: { capacity: number; sweepId?: string },
): TrialExecutor {
  return {
    capacity: options.capacity,
    async run(task: TrialTask): Promise<TrialOutcome> {
      let result;
      try {
        result = await runCommandTrial({
          program: command.program,
          args: command.args,
          env: command.env,
          timeoutS: command.timeoutS,
          params: task.params,
          trialId: task.trialId,
          trialNumber: task.number,
          sweepId: options.sweepId,
          onReport: task.onReport,
          signal: task.signal,
        });
      } catch (err) {
        // A placeholder naming no parameter of this trial: the trial fails, the sweep goes on.
        return { status: 'failed', metrics: {}, steps: 0, reason: (err as Error).message };
      }
      return {
        status: OUTCOME_OF[result.status],
        metrics: result.lastMetrics,
        steps: result.reports,
        reason: result.reason,
      };
    },
    close: async () => {},
  };
}
