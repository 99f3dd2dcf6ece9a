import { dirname } from 'node:path';
import type { SweepBody } from '@sweepwise/db';
import { commandExecutor } from './command-executor.js';
import { engineExecutor } from './engine-executor.js';
import type { TrialExecutor } from './executor.js';

/**
 * The executor of a sweep's workload. Commands run in the sweep file's folder, so a file can name
 * its script by a relative path.
 */
export function executorFor(
  body: SweepBody,
  options: { parallel: number; sweepFile?: string },
): TrialExecutor {
  const { workload } = body;
  if ('engine' in workload) return engineExecutor(workload.engine, { capacity: options.parallel });
  if ('command' in workload)
    return commandExecutor(workload.command, {
      capacity: options.parallel,
      cwd: options.sweepFile ? dirname(options.sweepFile) : undefined,
    });
  throw new Error(
    `builtin objectives run on the platform only; drop --in-memory to run ${body.name}`,
  );
}
