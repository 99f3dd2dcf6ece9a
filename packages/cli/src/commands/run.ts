import { availableParallelism } from 'node:os';
import { intFlag, parseArgs, UsageError } from '../args.js';
import { executorFor } from '../in-memory/executor-for.js';
import { runSweep } from '../in-memory/run-sweep.js';
import { ProgressView } from '../progress.js';
import { loadSweepFile } from '../sweep-source.js';
import { followSweep } from './follow.js';
import { createPlatformSweep } from './platform.js';

export const RUN_USAGE =
  'sweepwise run FILE [--in-memory] [--parallel N] [--set FIELD=VALUE]... [--json] [--no-follow]';

/**
 * `sweepwise run FILE`: on the platform (the sweep is stored and the workers pick it up; this
 * command then follows it), or with --in-memory entirely in this process.
 */
export async function run(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, {
    valued: ['parallel'],
    repeated: ['set'],
    switches: ['in-memory', 'json', 'no-follow'],
    usage: RUN_USAGE,
  });
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError(`usage: ${RUN_USAGE}`);
  const body = loadSweepFile(file, args.repeated.get('set') ?? []);
  const json = args.flags.has('json');

  if (!args.flags.has('in-memory')) {
    const sweep = await createPlatformSweep(body);
    if (!json) console.log(`sweep ${sweep.id} created: ${body.name}`);
    if (args.flags.has('no-follow')) {
      if (json) console.log(JSON.stringify({ sweepId: sweep.id }));
      return;
    }
    await followSweep(sweep.id, { json });
    return;
  }

  // PBT copies weights between trials at its exploit steps: the platform's controller and
  // checkpoints do that; here it would silently be a random search of its first population.
  if (body.algorithm.type === 'pbt')
    throw new UsageError(
      `${file}: algorithm.type: pbt runs on the platform only (its exploit steps need the ` +
        `controller and checkpoints); drop --in-memory`,
    );
  const parallel = intFlag(
    args,
    'parallel',
    Math.min(availableParallelism(), body.budget.maxConcurrentTrials),
  );
  const executor = executorFor(body, { parallel });
  const view = json ? null : new ProgressView(body, process.stdout);
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await runSweep(body, {
      executor,
      signal: interrupt.signal,
      onEvent: (event) => view?.update(event),
    });
    if (view) view.finish(result);
    else console.log(JSON.stringify(result));
    if (result.best === null) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    await executor.close();
  }
}
