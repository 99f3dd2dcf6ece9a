#!/usr/bin/env node
// Entry of the `sweepwise` command. Benchmarks live one per file in ./bench/<name>.ts and export
// `run(options)`, printing JSON lines on stdout when --json is given.
import { existsSync } from 'node:fs';
import { setupAdvice } from '@sweepwise/db';
import { UsageError } from './args.js';
import { agent } from './commands/agent.js';
import { promote } from './commands/promote.js';
import { run } from './commands/run.js';
import { best, cancel, exportSweep, ls, status } from './commands/sweeps.js';

const HELP = `sweepwise: hyperparameter sweeps from the terminal

  sweepwise run FILE [--in-memory] [--parallel N] [--set FIELD=VALUE]... [--json] [--no-follow]
      Run the sweep a YAML file describes (see examples/). By default it is stored in Postgres,
      run by the workers and followed here; --in-memory runs it in this process with no services,
      one trial per core up to max_concurrent (or --parallel N). --set replaces a field.
  sweepwise agent SWEEP [--parallel N]        run a stored sweep's trials on this machine
  sweepwise ls [--json]                       list sweeps, newest first
  sweepwise status SWEEP [--follow] [--json]  progress, best value and leaderboard
  sweepwise best SWEEP [--json]               the best completed trial and its parameters
  sweepwise export SWEEP                      the sweep as a YAML file (round-trips with run)
  sweepwise cancel SWEEP                      cancel; running trials stop at their next report
  sweepwise promote SWEEP [--trial ID]        retrain the best (or given) trial, test it once
  sweepwise bench NAME [--json]               benchmarks: engine, tuner, scheduler, pbt,
                                              dashboard, stopping

Platform commands use DATABASE_URL and REDIS_URL (defaults: local Postgres and Redis).
SWEEPWISE_DEBUG=1 prints stack traces of unexpected errors.`;

type Command = (argv: readonly string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  run,
  agent,
  ls,
  status,
  best,
  export: exportSweep,
  cancel,
  promote,
  bench,
};

async function bench(argv: readonly string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || !/^[a-z-]+$/.test(name))
    throw new UsageError('usage: sweepwise bench <name> [--json]');
  const file = new URL(`./bench/${name}.js`, import.meta.url);
  if (!existsSync(file)) throw new UsageError(`unknown benchmark "${name}"`);
  const mod = (await import(file.href)) as {
    run(options: { json: boolean; args: string[] }): Promise<void>;
  };
  await mod.run({ json: args.includes('--json'), args: args.filter((a) => a !== '--json') });
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${HELP}`);
  await command(rest);
}

main().catch((err: unknown) => {
  // Expected failures (bad files, bad usage, services down) are one message; a bug keeps its stack
  // only when SWEEPWISE_DEBUG is set.
  const message = err instanceof Error ? err.message : String(err);
  // A database not set up yet is said in one line with its remedy, without Prisma's preamble.
  const setup = message.includes('npm run setup') ? null : setupAdvice(err);
  console.error(`sweepwise: ${setup ?? message}`);
  if (process.env.SWEEPWISE_DEBUG && err instanceof Error) console.error(err.stack);
  process.exit(1);
});
