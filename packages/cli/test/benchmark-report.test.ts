import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@sweepwise/db';
import { createRedis } from '@sweepwise/queue';
import { ROOT, sweepwise, sweepwiseAsync } from './cli.js';

/**
 * A small benchmark run in memory and on the platform (Postgres, Redis, an agent): `report`
 * reads both, and since a trial's training depends only on its seed, both say the same epochs to
 * target and final values.
 */
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sweepwise_test',
  SWEEPWISE_QUEUE_PREFIX: `bench-report-${process.pid}-${Date.now()}`,
};
const dir = mkdtempSync(join(tmpdir(), 'sweepwise-bench-'));
const FILE = join(dir, 'bench.yaml');
writeFileSync(
  FILE,
  `name: bench-report
workload:
  engine: { batchSize: 16, earlyStopping: { metric: val_acc, patience: null } }
  benchmark:
    algorithms:
      sgd: { optimizer: { type: sgd, lr: 0.05 } }
      adam: { optimizer: { type: adam, lr: 0.01 } }
    workloads:
      iris:
        engine: { dataset: { name: iris }, model: { hidden: [8] }, epochs: 6 }
        target: { metric: val_acc, min: 0.9 }
      xor:
        engine: { dataset: { name: xor, n: 200 }, model: { hidden: [8] }, epochs: 4 }
        target: { metric: val_loss, max: 0.5 }
    seeds: 2
metric: { name: val_acc, goal: maximize }
algorithm: { type: grid, seed: 1 }
budget: { maxTrials: 8, maxConcurrentTrials: 2 }
`,
);
const FIELDS = [
  'workload',
  'algorithm',
  'seeds',
  'reached',
  'median_steps_to_target',
  'median_seconds_to_target',
  'final_val_mean',
  'final_val_sd',
];
let sweepId: string | undefined;

afterAll(async () => {
  const db = createDb(env.DATABASE_URL);
  if (sweepId) await db.sweep.deleteMany({ where: { id: sweepId } });
  await db.$disconnect();
  const redis = createRedis();
  const keys = await redis.keys(`${env.SWEEPWISE_QUEUE_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

type Line = Record<string, unknown>;
const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
/** What does not depend on the clock. */
const untimed = (lines: Line[]) =>
  lines
    .filter((l) => 'workload' in l)
    .map((l) => [
      l.workload,
      l.algorithm,
      l.seeds,
      l.reached,
      l.median_steps_to_target,
      l.final_val_mean,
    ]);

describe('sweepwise report', () => {
  let inMemory: Line[] = [];

  it('reads an in-memory run: a line per workload and algorithm, then profile scores', () => {
    const run = sweepwise(['run', FILE, '--in-memory', '--json']);
    expect(run.code).toBe(0);
    const saved = join(dir, 'result.json');
    writeFileSync(saved, run.stdout);

    const report = sweepwise(['report', saved, '--json']);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    inMemory = parse(report.stdout);
    const rows = inMemory.filter((l) => 'workload' in l);
    expect(rows.map((r) => `${String(r.workload)}/${String(r.algorithm)}`)).toEqual([
      'iris/adam',
      'iris/sgd',
      'xor/adam',
      'xor/sgd',
    ]);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(FIELDS);
      expect(r.seeds).toBe(2);
      expect(r.final_val_mean).toEqual(expect.any(Number));
    }
    const profiles = inMemory.filter((l) => 'profile' in l);
    expect(profiles.map((p) => `${String(p.profile)}/${String(p.algorithm)}`)).toEqual([
      'seconds/adam',
      'seconds/sgd',
      'steps/adam',
      'steps/sgd',
    ]);
    for (const p of profiles) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }

    const table = sweepwise(['report', saved]);
    expect(table.stdout).toMatch(/^iris\s+adam\s+1\s+\d\/2\s+[✓✗]{2}/m);
    expect(table.stdout).toContain('score by seconds to target: adam');
  });

  it('reads a platform sweep, finding what the in-memory run found', async () => {
    const created = sweepwise(['run', FILE, '--no-follow', '--json'], env);
    expect(created.stderr).toBe('');
    sweepId = (JSON.parse(created.stdout) as { sweepId: string }).sweepId;
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const agent = spawn(process.execPath, [main, 'agent', sweepId, '--parallel', '2'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => agent.once('exit', resolve));
    try {
      const followed = await sweepwiseAsync(['status', sweepId, '--follow', '--json'], env);
      expect(followed.code).toBe(0);
      // The agent stops its worker once the sweep is finished.
      expect(await exited).toBe(0);
    } finally {
      // SIGTERM, which the agent forwards: a killed agent would leave its worker running.
      if (agent.exitCode === null) agent.kill('SIGTERM');
    }
    const report = sweepwise(['report', sweepId, '--json'], env);
    expect(report.stderr).toBe('');
    expect(untimed(parse(report.stdout))).toEqual(untimed(inMemory));
  });

  it('refuses a sweep that is not a benchmark', () => {
    const saved = join(dir, 'plain.json');
    const run = sweepwise([
      'run',
      'examples/iris-random.yaml',
      '--in-memory',
      '--json',
      '--set',
      'budget.maxTrials=1',
      '--set',
      'workload.engine.epochs=1',
    ]);
    writeFileSync(saved, run.stdout);
    const report = sweepwise(['report', saved]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/is not a benchmark sweep/);
  });
});
