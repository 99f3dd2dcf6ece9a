import { threadsOf, validateConfig } from '@sweepwise/engine';
import { engineConfigOf, type SweepWorkload } from '@sweepwise/sweeps';
import { builtinRunner } from './builtin-runner.js';
import { commandRunner } from './command/command-runner.js';
import { engineRunner } from './engine/engine-runner.js';
import type { TrialRunner } from './trial-runner.js';

/** The runner for a sweep's kind of workload. */
export function runnerFor(workload: SweepWorkload): TrialRunner {
  if ('builtin' in workload && workload.builtin) return builtinRunner;
  if ('engine' in workload && workload.engine) return engineRunner;
  if ('command' in workload && workload.command) return commandRunner;
  throw new Error(`unknown workload kind: ${Object.keys(workload).join(', ')}`);
}

/**
 * Threads a trial of this workload keeps busy: an engine config's parallel.workers; 1 for anything
 * else, and for a config that does not validate (its runner fails it with the reason).
 */
export function trialThreads(workload: SweepWorkload, params: Record<string, unknown>): number {
  if (!('engine' in workload) || !workload.engine) return 1;
  try {
    return threadsOf(validateConfig(engineConfigOf(workload, params)));
  } catch {
    return 1;
  }
}
