import { availableParallelism } from 'node:os';
import { closeEngineThreads, inMemoryPbtRunner, runnerFor } from '@sweepwise/runners';
import { UsageError } from '../args.js';
import { runSweep } from '../in-memory/run-sweep.js';
import { ProgressView } from '../progress.js';
import { loadSweepFile } from '../sweep-source.js';
import { followSweep } from './follow.js';
import { createPlatformSweep } from './platform.js';

export interface RunOptions {
  inMemory?: boolean;
  /** Trials at once in memory (default: one per core, up to the sweep's budget.maxConcurrentTrials). */
  parallel?: number;
  /** `FIELD=VALUE` replacements of the file's fields, in order. */
  set?: string[];
  json?: boolean;
  /** False with --no-follow: store the sweep and return. */
  follow: boolean;
}

/**
 * `sweepwise run FILE`: on the platform (the sweep is stored and the workers pick it up; this
 * command then follows it), or with --in-memory entirely in this process.
 */
export async function run(file: string, options: RunOptions): Promise<void> {
  const body = loadSweepFile(file, options.set ?? []);
  const json = options.json ?? false;

  if (!options.inMemory) {
    const sweep = await createPlatformSweep(body);
    if (!json) console.log(`sweep ${sweep.id} created: ${body.name}`);
    if (!options.follow) {
      if (json) console.log(JSON.stringify({ sweepId: sweep.id }));
      return;
    }
    await followSweep(sweep.id, { json });
    return;
  }

  // Nothing here would run its trials: they are asked for by the user's loop over the REST API.
  if ('external' in body.workload)
    throw new UsageError(
      `${file}: workload.external: its trials are asked for through the REST API of the ` +
        `platform (sweepwise.Client, @sweepwise/sdk); drop --in-memory`,
    );
  const parallel =
    options.parallel ?? Math.min(availableParallelism(), body.budget.maxConcurrentTrials);
  // PBT members copy each other's checkpoints at their exploit steps: here through memory.
  const runner = body.algorithm.type === 'pbt' ? inMemoryPbtRunner() : runnerFor(body.workload);
  const view = json ? null : new ProgressView(body, process.stdout);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await runSweep(body, {
      runner,
      parallel,
      signal: interrupt.signal,
      onEvent: (event) => view?.update(event),
    });
    if (view) view.finish(result);
    // With the sweep it ran, so `sweepwise report` can read the file this is saved to.
    else console.log(JSON.stringify({ ...result, sweep: body }));
    // No best trial, or an interrupted run, is not a success for a script that waits on it.
    if (result.error) console.error(`sweepwise: sweep ${body.name} failed: ${result.error}`);
    if (result.best === null || result.ended === 'cancelled' || result.ended === 'failed')
      process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    await closeEngineThreads();
  }
}
