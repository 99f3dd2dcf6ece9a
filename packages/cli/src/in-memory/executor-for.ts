import type { SweepSpec } from '@sweepwise/sweeps';
import { builtinExecutor } from './builtin-executor.js';
import { commandExecutor } from './command-executor.js';
import { engineExecutor } from './engine-executor.js';
import type { TrialExecutor } from './executor.js';

/**
 * The executor of a sweep's workload. Commands run in the current directory, as they do under an
 * agent on the platform, so one file means the same in both modes.
 */
export function executorFor(body: SweepSpec, options: { parallel: number }): TrialExecutor {
  const { workload } = body;
  if ('engine' in workload) return engineExecutor(workload, { capacity: options.parallel });
  if ('command' in workload)
    return commandExecutor(workload.command, { capacity: options.parallel });
  return builtinExecutor(body, { capacity: options.parallel });
}
