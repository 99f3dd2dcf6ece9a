#!/usr/bin/env node
// Entry of the `sweepwise` command: its commands, options and help, on commander (zero
// dependencies, per-command --help and -h, --version, and errors we map to exit codes).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { HelpRequest, UsageError } from './args.js';
import { bench, BENCHMARKS } from './commands/bench.js';

/** 0: done; 1: an error, or a followed sweep that ended failed or cancelled; 2: bad usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

function positiveInt(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(`must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * A command's action, loaded when it runs: --help and --version then answer without loading the
 * database client, the queue or the worker's runners.
 */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => Promise<void>>) {
  return async (...args: A) => (await load())(...args);
}
const sweeps = () => import('./commands/sweeps.js');

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(): Command {
  const cli = new Command('sweepwise')
    .description('Hyperparameter sweeps from the terminal.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: /, 'sweepwise: ')),
    })
    .addHelpText(
      'after',
      `
Platform commands use DATABASE_URL and REDIS_URL (defaults: local Postgres and Redis).
SWEEPWISE_DEBUG=1 prints stack traces of unexpected errors.
Exit codes: 0 done; 1 an error, or a followed sweep that ended failed or cancelled; 2 bad usage.`,
    );

  cli
    .command('run')
    .summary('run the sweep a YAML file describes')
    .description(
      'Run the sweep a YAML file describes (see examples/). By default it is stored in Postgres, ' +
        'run by the workers and followed here; --in-memory runs it in this process with no ' +
        'services, one trial per core up to budget.maxConcurrentTrials (or --parallel N).',
    )
    .argument('<file>', 'the sweep file')
    .option('--in-memory', 'run here, with no services')
    .option('--parallel <n>', 'trials at once with --in-memory', positiveInt)
    .option('--set <field=value>', 'replace a field of the file (repeatable)', collect)
    .option('--json', 'print the result as JSON')
    .option('--no-follow', 'store the sweep and return without following it')
    .action(lazy(async () => (await import('./commands/run.js')).run));

  cli
    .command('convert')
    .summary('a W&B sweep file as a sweep file of ours')
    .description(
      'Convert a W&B sweep file (method, metric, parameters, early_terminate, run_cap, command) ' +
        'to a sweep file of ours, printed on stdout; what it drops is said on stderr, and a field ' +
        'with no equivalent is refused with its line. `run` reads W&B files directly too ' +
        '(docs/wandb.md).',
    )
    .argument('<file>', 'the W&B sweep file')
    .option('--set <field=value>', 'replace a field of the file first (repeatable)', collect)
    .action(lazy(async () => (await import('./commands/convert.js')).convert));

  cli
    .command('agent')
    .summary("run a stored sweep's trials on this machine")
    .description(
      "Run a stored sweep's trials on this machine, against the same Postgres and Redis, or " +
        'with --url over the REST API alone (a command sweep; one trial at a time unless ' +
        '--parallel). Commands run in the directory the agent is started in.',
    )
    .argument('<sweep>', 'sweep id')
    .option('--parallel <n>', 'trials at once (default: one per core)', positiveInt)
    .option('--allow-commands', "run the sweep's command (a command sweep needs it)")
    .option(
      '--allow-programs <list>',
      'only these programs, comma-separated (implies --allow-commands)',
    )
    .option(
      '--url <url>',
      "run a command sweep's trials over the REST API alone (no Postgres or Redis settings): " +
        'the dashboard, e.g. http://127.0.0.1:3000, with SWEEPWISE_API_TOKEN',
    )
    .action(
      async (
        sweep: string,
        o: { parallel?: number; allowCommands?: boolean; allowPrograms?: string; url?: string },
      ) => {
        if (o.url !== undefined) {
          const { httpAgent } = await import('./commands/http-agent.js');
          await httpAgent(sweep, { url: o.url, parallel: o.parallel ?? 1 });
          return;
        }
        const { agent } = await import('./commands/agent.js');
        await agent(sweep, {
          parallel: o.parallel ?? availableParallelism(),
          allowCommands: o.allowCommands ?? false,
          allowPrograms: o.allowPrograms,
        });
      },
    );

  cli
    .command('ls')
    .summary('list sweeps, newest first')
    .option('--archived', 'list archived sweeps instead')
    .option('--json', 'print JSON')
    .action(lazy(async () => (await sweeps()).ls));

  cli
    .command('status')
    .summary('progress, best value and leaderboard')
    .argument('<sweep>', 'sweep id')
    .option('--follow', 'follow the sweep until it ends')
    .option('--json', 'print JSON')
    .action(lazy(async () => (await sweeps()).status));

  cli
    .command('best')
    .summary('the best completed trial and its parameters')
    .argument('<sweep>', 'sweep id')
    .option('--json', 'print JSON')
    .action(lazy(async () => (await sweeps()).best));

  cli
    .command('report')
    .summary("a benchmark sweep's table and performance profiles")
    .description(
      'A benchmark sweep (workload.benchmark): per workload and algorithm, the seeds that reached ' +
        'the validation target, median epochs and seconds to it, final validation mean ± sd, then ' +
        "each algorithm's AlgoPerf performance-profile score. SWEEP is a stored sweep's id, or a " +
        'file saved from `run --in-memory --json`.',
    )
    .argument('<sweep>', 'sweep id, or the JSON file of an in-memory run')
    .option('--json', 'JSON lines: one per workload and algorithm, then one per profile score')
    .action(lazy(async () => (await import('./commands/report.js')).report));

  cli
    .command('export')
    .summary('the sweep as a YAML file (round-trips with run)')
    .argument('<sweep>', 'sweep id')
    .action(lazy(async () => (await sweeps()).exportSweep));

  cli
    .command('cancel')
    .summary('cancel; running trials stop at their next report')
    .argument('<sweep>', 'sweep id')
    .action(lazy(async () => (await sweeps()).cancel));

  cli
    .command('archive')
    .summary('hide a stopped sweep from ls and the dashboard list')
    .description(
      'Archive a sweep: it leaves `sweepwise ls` and the dashboard list (`ls --archived` and the ' +
        "list's Archived link show it). A running or paused sweep is refused: cancel it first.",
    )
    .argument('<sweep>', 'sweep id')
    .option('--undo', 'bring an archived sweep back')
    .action(lazy(async () => (await sweeps()).archive));

  cli
    .command('delete')
    .summary('delete a sweep and everything under it')
    .description(
      'Delete a sweep with its trials, curves, stop decisions, checkpoints, test evaluations and ' +
        'PBT events, and its waiting jobs; it cannot be undone. Refused while the sweep runs or ' +
        'has running trials: cancel it first.',
    )
    .argument('<sweep>', 'sweep id')
    .action(lazy(async () => (await sweeps()).remove));

  cli
    .command('promote')
    .summary('retrain the best (or given) trial and test it once')
    .argument('<sweep>', 'sweep id')
    .option('--trial <id>', 'the trial to promote (default: the best)')
    .addOption(
      new Option('--train-on <split>', 'data to retrain on').choices(['train+validation', 'train']),
    )
    .addOption(
      new Option('--epochs <how>', 'epochs to retrain').choices(['early-stopping', 'trial']),
    )
    .option('--json', 'print JSON')
    .action(lazy(async () => (await import('./commands/promote.js')).promote));

  cli
    .command('bench')
    .summary(`benchmarks: ${BENCHMARKS.join(', ')}`)
    .description(
      `Run a benchmark: ${BENCHMARKS.join(', ')}. Options after the name are the benchmark's own ` +
        '(`sweepwise bench NAME --help` lists them); --json prints JSON lines.',
    )
    .argument('<name>', 'benchmark')
    .argument('[options...]', "the benchmark's options")
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .action(bench);

  return cli;
}

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError)
    // --help and --version end with 0; every other commander error is bad usage.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return err instanceof UsageError ? EXIT.usage : EXIT.failure;
}

program()
  .parseAsync(process.argv)
  .catch(async (err: unknown) => {
    // commander has printed its own message (or the help) already.
    if (err instanceof CommanderError) process.exit(exitCodeOf(err));
    if (err instanceof HelpRequest) {
      console.log(err.message);
      process.exit(EXIT.ok);
    }
    // Expected failures (bad files, bad usage, services down) are one message; a bug keeps its
    // stack only when SWEEPWISE_DEBUG is set.
    const message = err instanceof Error ? err.message : String(err);
    // A database not set up yet is said in one line with its remedy, without Prisma's preamble.
    const { setupAdvice } = await import('@sweepwise/db');
    const setup = message.includes('npm run setup') ? null : setupAdvice(err);
    // Messages of drivers and Node may quote DATABASE_URL or REDIS_URL: never their password.
    const { redactUrlPasswords } = await import('@sweepwise/sweeps');
    console.error(redactUrlPasswords(`sweepwise: ${setup ?? message}`));
    if (process.env.SWEEPWISE_DEBUG && err instanceof Error)
      console.error(redactUrlPasswords(err.stack ?? ''));
    process.exit(exitCodeOf(err));
  });
