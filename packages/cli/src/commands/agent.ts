import { spawn } from 'node:child_process';
import { getSweepOrThrow } from '@sweepwise/db';
import { withDb } from './platform.js';
import { workerBin } from './worker-bin.js';

/**
 * `sweepwise agent SWEEP`: what a user starts on each extra machine. It checks the sweep is there
 * and not over, then runs the platform's worker here (the `sweepwise-worker` command, see worker-bin.ts), pointed at the same Postgres and Redis: it
 * runs trials from the shared queue, N at a time (default: one per core), and can take over the
 * sweep's controller when no other process holds it (a lease makes sure only one does), so one
 * agent alone runs a sweep from start to end. Ctrl-C / SIGTERM let it hand its trials back.
 */
export const AGENT_DEFAULTS = { statusPollMs: 2_000 } as const;
const OVER = ['finished', 'cancelled', 'failed'];

export interface AgentOptions {
  parallel: number;
  /** Passed to the worker: --allow-commands, --allow-programs (see apps/worker/src/options.ts). */
  allowCommands: boolean;
  allowPrograms?: string;
}

export async function agent(
  sweepId: string,
  { parallel, allowCommands, allowPrograms }: AgentOptions,
): Promise<void> {
  await withDb(async (db) => {
    const sweep = await getSweepOrThrow(db, sweepId);
    if (OVER.includes(sweep.status))
      throw new Error(`sweep ${sweepId} is ${sweep.status}: there are no trials left to run`);
    console.error(`agent: running trials of ${sweep.name} (${sweepId}), ${parallel} at a time`);

    const bin = workerBin();
    const flags = [
      ...(allowCommands ? ['--allow-commands'] : []),
      ...(allowPrograms !== undefined ? ['--allow-programs', allowPrograms] : []),
    ];
    const child = spawn(bin, flags, {
      stdio: 'inherit',
      env: {
        ...process.env,
        SWEEPWISE_SWEEP_IDS: sweepId,
        SWEEPWISE_TRIAL_CONCURRENCY: String(parallel),
      },
    });
    const exited = new Promise<number>((resolve, reject) => {
      child.once('error', (err) =>
        reject(
          new Error(`cannot start the worker (${bin}): ${err.message}; set SWEEPWISE_WORKER_BIN`),
        ),
      );
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    // The agent's work is this sweep: once it is over, the worker is asked to finish up.
    const watch = setInterval(() => {
      getSweepOrThrow(db, sweepId).then(
        (s) => {
          if (!OVER.includes(s.status)) return;
          console.error(`agent: sweep ${sweepId} is ${s.status}; stopping`);
          clearInterval(watch);
          child.kill('SIGTERM');
        },
        (err: unknown) => console.error(`agent: cannot read the sweep's status: ${String(err)}`),
      );
    }, AGENT_DEFAULTS.statusPollMs);
    try {
      process.exitCode = await exited;
    } finally {
      clearInterval(watch);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
    }
  });
}
