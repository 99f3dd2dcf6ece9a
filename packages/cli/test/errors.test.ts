import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepwise } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sweepwise-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `name: bad-file-test
workload:
  engine:
    dataset: { name: iris }
    epochs: 2
metric: { name: val_acc, goal: maximize }
parameters:
  optimizer.lr: { type: float, low: 0.001, high: 0.1, log: true }
algorithm: { type: random, seed: 1 }
budget: { maxTrials: 2 }
`;

function runFile(text: string, ...args: string[]) {
  const path = join(dir, `sweep-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return { path, ...sweepwise(['run', path, '--in-memory', ...args]) };
}

describe('bad sweep files', () => {
  it.each([
    [
      'a misspelt goal',
      GOOD.replace('maximize', 'maximum'),
      6,
      'metric.goal: must be one of minimize, maximize, got "maximum"',
    ],
    [
      'an engine setting out of range',
      GOOD.replace('epochs: 2', 'epochs: 0'),
      5,
      'workload.engine.epochs: epochs must be',
    ],
    [
      'a parameter path the engine does not have',
      GOOD.replace('optimizer.lr:', 'optimzer.lr:'),
      3,
      'workload.engine.optimzer: optimzer is not a known field',
    ],
    [
      'an empty range',
      GOOD.replace('low: 0.001, high: 0.1', 'low: 0.1, high: 0.001'),
      8,
      'parameters."optimizer.lr": low must be < high, got low=0.1 high=0.001',
    ],
    [
      'a metric the engine does not report',
      GOOD.replace('name: val_acc', 'name: accuracy'),
      6,
      'metric.name: unknown metric "accuracy" for iris; the engine reports val_loss, val_acc, train_loss, train_acc',
    ],
    [
      'a key of an earlier version',
      GOOD.replace('budget: { maxTrials: 2 }', 'budget: { max_trials: 2 }'),
      10,
      'budget.max_trials: max_trials is now budget.maxTrials',
    ],
    [
      'a YAML syntax error',
      GOOD.replace('budget: { maxTrials: 2 }', 'budget: { maxTrials: 2'),
      11,
      'invalid YAML',
    ],
  ])(
    'reports %s with the file, the line and the field, and no stack trace',
    (_, text, line, message) => {
      const run = runFile(text);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`sweepwise: ${run.path}:${line}: ${message}`);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
  );

  it('reports a missing file and bad usage plainly', () => {
    const missing = sweepwise(['run', join(dir, 'nope.yaml'), '--in-memory']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    expect(missing.stderr).toContain('ENOENT');
    const typo = sweepwise(['run', 'x.yaml', '--in-memroy']);
    expect(typo.stderr).toContain("sweepwise: unknown option '--in-memroy'");
    expect(typo.stderr).toContain('Did you mean --in-memory?');
    expect(sweepwise(['frobnicate']).stderr).toContain("sweepwise: unknown command 'frobnicate'");
  });

  it('applies --set overrides and reports a bad one on its field', () => {
    const run = runFile(GOOD, '--set', 'budget.maxTrials=0');
    expect(run.stderr).toContain('budget.maxTrials: Too small: expected number to be >=1');
    expect(runFile(GOOD, '--set', 'budget').stderr).toContain('expected FIELD=VALUE');
  });

  it('never prints the password of DATABASE_URL', () => {
    for (const url of [
      'postgresql://ana:pw-3f9a@127.0.0.1:1/none',
      'postgresql://ana:pw-3f9a@[::1/x',
    ]) {
      const run = sweepwise(['ls'], { DATABASE_URL: url });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/unreachable at 127\.0\.0\.1:1\/none|DATABASE_URL is not a URL/);
      expect(run.stdout + run.stderr).not.toContain('pw-3f9a');
    }
  });

  it('says which service is down and how to run without services', () => {
    const run = sweepwise(['run', 'examples/iris-random.yaml'], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Postgres is unreachable at 127.0.0.1:1/none');
    expect(run.stderr).toContain('use --in-memory to run without services');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('ends a sweep whose command always fails at budget.maxFailedTrials, with the last error', () => {
    const run = runFile(
      GOOD.replace(
        /workload:[\s\S]*?metric:/,
        `workload:\n  command: { program: python3, args: [-c, 'import sys; sys.exit("no such file: train.py")'] }\nmetric:`,
      ).replace('budget: { maxTrials: 2 }', 'budget: { maxTrials: 20, maxConcurrentTrials: 1 }'),
      '--json',
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { ended: string; error: string; trials: unknown[] };
    // The default: a quarter of maxTrials, at least 3.
    expect(result.trials).toHaveLength(5);
    expect(result.ended).toBe('failed');
    expect(result.error).toBe(
      '5 trials failed (budget.maxFailedTrials 5); the last: exited with code 1: no such file: train.py',
    );
    expect(run.stderr).toContain(`failed: 5 trials failed`);
  });

  it('refuses an external sweep in memory: only an API client runs its trials', () => {
    const run = runFile(
      GOOD.replace(/workload:[\s\S]*?metric:/, 'workload: { external: {} }\nmetric:'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${run.path}: workload.external: its trials are asked for`);
  });
});

describe('a machine whose database is not set up yet', () => {
  it('says what to run, for platform commands and benchmarks alike', () => {
    const missing = `postgresql://postgres@127.0.0.1:5432/sweepwise_missing_${process.pid}`;
    for (const args of [['ls'], ['bench', 'scheduler', '--no-soak', '--trials', '2']]) {
      const { code, stderr } = sweepwise(args, { DATABASE_URL: missing });
      expect(code).toBe(1);
      expect(stderr).toContain(`sweepwise_missing_${process.pid}`);
      expect(stderr).toContain('`npm run setup` (or `npm start`) creates the database');
    }
  });
});
