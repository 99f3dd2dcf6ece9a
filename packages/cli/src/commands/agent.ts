import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getSweepOrThrow } from '@sweepwise/db';
import { intFlag, parseArgs, UsageError } from '../args.js';
import { withDb } from './platform.js';

const USAGE = 'sweepwise agent SWEEP [--parallel N]';

/**
 * `sweepwise agent SWEEP`: what a user starts on each extra machine. It checks the sweep is there
 * and running, then runs the platform's trial worker here (trials only, no controller), pointed at
 * the same Postgres and Redis: trials are taken from the shared queue, N at a time (default: one
 * per core). Ctrl-C / SIGTERM let the worker finish or checkpoint its trials and exit.
 */
export async function agent(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, { valued: ['parallel'], usage: USAGE });
  const [sweepId, ...extra] = args.positionals;
  if (!sweepId || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  const parallel = intFlag(args, 'parallel', availableParallelism());
  const sweep = await withDb((db) => getSweepOrThrow(db, sweepId));
  if (sweep.status !== 'running' && sweep.status !== 'paused')
    throw new Error(`sweep ${sweepId} is ${sweep.status}: there are no trials left to run`);
  console.error(`agent: running trials of ${sweep.name} (${sweepId}), ${parallel} at a time`);

  const workerMain = fileURLToPath(import.meta.resolve('@sweepwise/worker'));
  const child = spawn(process.execPath, [workerMain], {
    stdio: 'inherit',
    env: {
      ...process.env,
      SWEEPWISE_CONTROLLERS: '0',
      SWEEPWISE_TRIAL_CONCURRENCY: String(parallel),
    },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) =>
    child.once('exit', (c, s) => resolve(c ?? (s ? 128 : 1))),
  );
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  process.exitCode = code;
}
