import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@sweepwise/db';
import { BENCHMARKS } from '../src/commands/bench.js';
import { sweepwiseAsync as sweepwise } from './cli.js';

/** The command line itself: help, version, and what the exit code tells a script. */
const COMMANDS = [
  'run',
  'agent',
  'ls',
  'status',
  'best',
  'report',
  'export',
  'cancel',
  'archive',
  'delete',
  'promote',
  'bench',
];
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

describe('help and version', () => {
  it.each([['--help'], ['-h'], ['help']])('`sweepwise %s` lists every command', async (flag) => {
    const help = await sweepwise([flag]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    for (const name of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.stdout).toContain('Exit codes: 0 done; 1 an error');
  });

  it.each(COMMANDS.filter((c) => c !== 'bench'))('`sweepwise %s --help` and -h', async (name) => {
    for (const flag of ['--help', '-h']) {
      const help = await sweepwise([name, flag]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: sweepwise ${name} `));
      expect(help.stderr).toBe('');
    }
  });

  it("prints `run`'s options and a benchmark's own", async () => {
    const run = await sweepwise(['run', '--help']);
    for (const option of ['--in-memory', '--parallel <n>', '--set <field=value>', '--no-follow'])
      expect(run.stdout).toContain(option);
    const pbt = await sweepwise(['bench', 'pbt', '--help']);
    expect(pbt.code).toBe(0);
    expect(pbt.stdout).toContain('usage: sweepwise bench pbt [--json] [--population 8]');
  });

  it.each(BENCHMARKS)(
    '`sweepwise bench %s --help` prints its usage and runs nothing',
    async (name) => {
      const help = await sweepwise(['bench', name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^usage: sweepwise bench ${name} \\[--json\\]`));
      expect(help.stdout.trim().split('\n')).toHaveLength(1);
    },
  );

  it('prints the version of the package', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await sweepwise([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });
});

describe('exit codes', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['run'], "missing required argument 'file'"],
    [['run', 'a.yaml', 'b.yaml'], 'too many arguments'],
    [['run', 'a.yaml', '--parallel', '0'], 'must be a positive integer, got "0"'],
    [['status', 'x', '--folow'], "unknown option '--folow'"],
    [['promote', 'x', '--epochs', 'all'], 'Allowed choices are early-stopping, trial'],
    [['bench', 'nope'], 'unknown benchmark "nope"'],
    [['bench', 'pbt', '--population', 'many'], '--population must be a positive integer'],
    [['bench', 'engine', '--threads', '2'], 'unknown option --threads'],
    [['bench', 'scheduler', '--trials', 'lots'], '--trials must be a positive integer'],
    [[], 'Usage: sweepwise'],
  ])('`sweepwise %j` is bad usage: 2, nothing on stdout', async (args, message) => {
    const run = await sweepwise(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('a failure is 1', async () => {
    const run = await sweepwise(['run', 'no-such-file.yaml', '--in-memory']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sweepwise: cannot read no-such-file.yaml: ENOENT/);
  });
});

describe('following a sweep that does not finish', () => {
  const env = {
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sweepwise_test',
  };
  const db = createDb(env.DATABASE_URL);
  const ids: string[] = [];
  afterAll(async () => {
    await db.sweep.deleteMany({ where: { id: { in: ids } } });
    await db.$disconnect();
  });

  /** A stored sweep nobody runs (no worker is started here). */
  async function stored(): Promise<string> {
    const created = await sweepwise(
      ['run', 'examples/iris-random.yaml', '--no-follow', '--json', '--set', 'name=cli-exit-test'],
      env,
    );
    expect(created.code).toBe(0);
    const { sweepId } = JSON.parse(created.stdout) as { sweepId: string };
    ids.push(sweepId);
    return sweepId;
  }

  it('exits 1 when it was cancelled, its result still on stdout', async () => {
    const id = await stored();
    expect((await sweepwise(['cancel', id], env)).code).toBe(0);
    const followed = await sweepwise(['status', id, '--follow', '--json'], env);
    expect(followed.code).toBe(1);
    expect((JSON.parse(followed.stdout) as { status: string }).status).toBe('cancelled');
    expect(followed.stderr).toContain(`sweepwise: sweep ${id} cancelled`);
  });

  it('exits 1 with the reason when it failed', async () => {
    const id = await stored();
    await db.sweep.update({
      where: { id },
      data: { status: 'failed', error: 'every trial failed', finishedAt: new Date() },
    });
    const followed = await sweepwise(['status', id, '--follow'], env);
    expect(followed.code).toBe(1);
    expect(followed.stderr).toContain(`sweepwise: sweep ${id} failed: every trial failed`);
    // Asked without --follow, the state is an answer, not a failure.
    expect((await sweepwise(['status', id], env)).code).toBe(0);
  });

  it('archives and deletes a sweep, refusing while it runs', async () => {
    const id = await stored();
    const ls = async (...flags: string[]) =>
      (
        JSON.parse((await sweepwise(['ls', '--json', ...flags], env)).stdout) as { id: string }[]
      ).map((s) => s.id);
    const running = await sweepwise(['delete', id], env);
    expect(running.code).toBe(1);
    expect(running.stderr).toContain(
      `sweepwise: sweep ${id} is running: cancel it before deleting it`,
    );
    expect((await sweepwise(['archive', id], env)).stderr).toContain(
      'cannot archive a sweep that is running',
    );
    expect((await sweepwise(['cancel', id], env)).code).toBe(0);
    const archived = await sweepwise(['archive', id], env);
    expect(archived.code).toBe(0);
    expect(await ls()).not.toContain(id);
    expect(await ls('--archived')).toContain(id);
    expect((await sweepwise(['archive', id, '--undo'], env)).code).toBe(0);
    expect(await ls()).toContain(id);
    const deleted = await sweepwise(['delete', id], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`sweep ${id} deleted`);
    expect(await db.sweep.count({ where: { id } })).toBe(0);
    expect((await sweepwise(['delete', id], env)).stderr).toMatch(/not found/);
  });
});
