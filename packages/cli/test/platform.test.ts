import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@sweepwise/db';
import { parseSweepFile } from '@sweepwise/sweeps';
import { createRedis } from '@sweepwise/queue';
import { ROOT, sweepwise } from './cli.js';

/**
 * The platform end to end, on the real Postgres and Redis: `run --no-follow` stores the sweep, an
 * agent (the worker) runs it, `status --follow` watches it to the end, the read commands see it.
 */
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sweepwise_test',
  SWEEPWISE_QUEUE_PREFIX: `cli-test-${process.pid}-${Date.now()}`,
};
const FILE = 'examples/python-median.yaml';
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

function startAgent(id: string) {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [main, 'agent', id, '--parallel', '2', '--allow-commands'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

describe('a sweep on the platform', () => {
  it('is stored, run by an agent, followed, read and exported', async () => {
    const created = sweepwise(['run', FILE, '--no-follow', '--json'], env);
    expect(created.stderr).toBe('');
    sweepId = (JSON.parse(created.stdout) as { sweepId: string }).sweepId;

    const agent = startAgent(sweepId);
    try {
      const followed = sweepwise(['status', sweepId, '--follow', '--json'], env);
      expect(followed.code).toBe(0);
      const result = JSON.parse(followed.stdout) as {
        status: string;
        trials: Array<{ state: string; reason: string | null; steps: number; value: number }>;
        best: { value: number } | null;
      };
      expect(result.status).toBe('finished');
      expect(result.trials).toHaveLength(12);
      const pruned = result.trials.filter((t) => t.state === 'pruned');
      const completed = result.trials.filter((t) => t.state === 'completed');
      expect(pruned.length).toBeGreaterThan(0);
      for (const t of pruned) expect(t.reason).toContain('worse than the median');
      expect(completed.length).toBeGreaterThanOrEqual(3);
      const bestValue = Math.min(...completed.map((t) => t.value));
      expect(result.best?.value).toBe(bestValue);

      expect(await agent.exited).toBe(0);
      expect(agent.stderr()).toContain('is finished; stopping');
    } finally {
      agent.child.kill('SIGKILL');
    }

    const best = sweepwise(['best', sweepId, '--json'], env);
    expect(best.code).toBe(0);
    expect((JSON.parse(best.stdout) as { params: Record<string, number> }).params).toHaveProperty(
      'lr',
    );

    const exported = sweepwise(['export', sweepId], env);
    const original = parseSweepFile(readFileSync(join(ROOT, FILE), 'utf8'));
    expect(parseSweepFile(exported.stdout)).toEqual(original);

    const listed = sweepwise(['ls', '--json'], env);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((s) => s.id)).toContain(
      sweepId,
    );

    // A command sweep has nothing to retrain: refused with the reason, not a stack trace.
    const promote = sweepwise(['promote', sweepId], env);
    expect(promote.code).toBe(1);
    expect(promote.stderr).toMatch(/^sweepwise: sweepId: /);
    expect(promote.stderr).not.toMatch(/^\s+at /m);

    const cancel = sweepwise(['cancel', sweepId], env);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain('cannot cancel a sweep that is finished');
  });

  it('refuses to follow a sweep that does not exist', () => {
    const run = sweepwise(['status', '00000000-0000-0000-0000-000000000000'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sweepwise: .*not found/i);
  });
});
