import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@sweepwise/db';
import { createRedis } from '@sweepwise/queue';
import { ROOT, sweepwiseAsync } from './cli.js';

/**
 * The sweep loop is one (packages/sweeps), and so are the runners (packages/runners): the same
 * seeded sweep run --in-memory and on the platform (real Postgres, Redis and a worker) stores the
 * same trials and stop decisions.
 *
 * Deterministic by construction: maxConcurrentTrials 1, so the tuner and the stopping rule see
 * every report in the same order in both modes (with more at once, which trial reports first is a
 * race of threads); the worker waits for every stop decision (a decision that timed out would let
 * a trial run on); the engine is seeded by the base config.
 */
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sweepwise_test',
  SWEEPWISE_QUEUE_PREFIX: `cli-parity-${process.pid}-${Date.now()}`,
  SWEEPWISE_DECISION_TIMEOUT_MS: '600000',
};
const sweepIds: string[] = [];

const RANDOM_ASHA = `
name: parity-random-asha
workload:
  engine:
    dataset: { name: iris }
    model: { hidden: [8] }
    epochs: 9
    batchSize: 16
    earlyStopping: { metric: val_loss, patience: null }
metric: { name: val_loss, goal: minimize }
parameters:
  optimizer.lr: { type: float, low: 0.0001, high: 0.3, log: true }
algorithm: { type: random, seed: 11 }
stopper: { type: asha, minResource: 1, reductionFactor: 3, maxResource: 9 }
budget: { maxTrials: 6, maxConcurrentTrials: 1 }
`;

// Members run one after another, so each decides at its perturbation steps against the members
// before it, the same in both modes.
const PBT = `
name: parity-pbt
workload:
  engine:
    dataset: { name: iris }
    model: { hidden: [8] }
    epochs: 6
    batchSize: 16
    earlyStopping: { metric: val_loss, patience: null }
metric: { name: val_loss, goal: minimize }
parameters:
  optimizer.lr: { type: float, low: 0.0001, high: 0.3, log: true, mutable: true }
algorithm: { type: pbt, seed: 5, populationSize: 4, perturbationInterval: 2 }
budget: { maxTrials: 4, maxConcurrentTrials: 1 }
`;

afterAll(async () => {
  const db = createDb(env.DATABASE_URL);
  await db.sweep.deleteMany({ where: { id: { in: sweepIds } } });
  await db.$disconnect();
  const redis = createRedis();
  const keys = await redis.keys(`${env.SWEEPWISE_QUEUE_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

interface Result {
  trials: { number: number; params: unknown; state: string; value: number | null }[];
  stopDecisions: { number: number; step: number; rule: string; decision: string; reason: string }[];
}

/** What both modes must agree on. */
const stored = (r: Result) => ({
  trials: r.trials.map(({ number, params, state, value }) => ({ number, params, state, value })),
  stopDecisions: r.stopDecisions,
});

async function onThePlatform(file: string): Promise<Result> {
  const created = await sweepwiseAsync(['run', file, '--no-follow', '--json'], env);
  expect(created.stderr).toBe('');
  const { sweepId } = JSON.parse(created.stdout) as { sweepId: string };
  sweepIds.push(sweepId);
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const agent = spawn(process.execPath, [main, 'agent', sweepId, '--parallel', '1'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  try {
    const followed = await sweepwiseAsync(['status', sweepId, '--follow', '--json'], env);
    expect(followed.code).toBe(0);
    return JSON.parse(followed.stdout) as Result;
  } finally {
    agent.kill('SIGKILL');
  }
}

describe('one sweep loop', () => {
  it('stores the same trials and stop decisions in memory and on the platform (random + ASHA, engine)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sweepwise-parity-')), 'random-asha.yaml');
    writeFileSync(file, RANDOM_ASHA);
    const inMemory = await sweepwiseAsync(['run', file, '--in-memory', '--json'], env);
    expect(inMemory.stderr).toBe('');
    const local = stored(JSON.parse(inMemory.stdout) as Result);
    const platform = stored(await onThePlatform(file));
    // The sweep exercises the rule: some trial is stopped, by ASHA, with its reason in epochs.
    expect(local.stopDecisions.some((d) => d.decision === 'stop' && d.rule === 'asha')).toBe(true);
    expect(local.stopDecisions.every((d) => !/ at step /.test(d.reason))).toBe(true);
    expect(local.trials).toHaveLength(6);
    expect(platform).toEqual(local);
  });

  it('stores the same members and values in memory and on the platform (PBT, engine)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sweepwise-parity-')), 'pbt.yaml');
    writeFileSync(file, PBT);
    const inMemory = await sweepwiseAsync(['run', file, '--in-memory', '--json'], env);
    expect(inMemory.stderr).toBe('');
    const local = stored(JSON.parse(inMemory.stdout) as Result);
    const platform = stored(await onThePlatform(file));
    expect(local.trials).toHaveLength(4);
    expect(local.trials.every((t) => t.state === 'completed')).toBe(true);
    expect(platform).toEqual(local);
    // Members did exploit (copy a better member's checkpoint), so the values depend on the copies.
    const db = createDb(env.DATABASE_URL);
    try {
      const events = await db.pbtEvent.count({ where: { sweepId: sweepIds[sweepIds.length - 1] } });
      expect(events).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }
  });
});
