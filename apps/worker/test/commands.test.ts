import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commandSweepWaiting, createRedis } from '@sweepwise/queue';
import { Cluster } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

const dir = mkdtempSync(join(tmpdir(), 'commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reports, as metrics, what it finds in its environment: 1 present, 0 absent. */
const PROBE = join(dir, 'probe.py');
writeFileSync(
  PROBE,
  `import json, os, sys
env = os.environ
print(json.dumps({
  "step": 1,
  "loss": float(sys.argv[1]),
  "database_url": int("DATABASE_URL" in env),
  "redis_url": int("REDIS_URL" in env),
  "api_token": int("SWEEPWISE_API_TOKEN" in env),
  "secret_ok": int(env.get("WANDB_API_KEY") == "k-123"),
  "trial_id": int("SWEEPWISE_TRIAL_ID" in env),
}), flush=True)
`,
);

describe('command trials on the platform', () => {
  it('wait, saying why, until a worker with --allow-commands runs them; the child sees no worker setting', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        command: {
          program: 'python3',
          args: [PROBE, '${x}'],
          env: { WANDB_API_KEY: { value: 'k-123', secret: true } },
        },
      },
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { x: { type: 'float', low: 0, high: 1 } },
      budget: { maxTrials: 4, maxConcurrentTrials: 2 },
    });
    const redis = createRedis(cluster.redisUrl);
    const waiting = () => commandSweepWaiting(redis, cluster.prefix, 'python3');
    const token = { SWEEPWISE_API_TOKEN: 'worker-token-0123456789abcdef' };
    try {
      // The only worker takes no commands: the controller allocates trials and says why they wait.
      const plain = cluster.spawnWorker({ ...token, SWEEPWISE_WORKER_ID: 'plain' });
      await cluster.until('the controller to say why the trials wait', async () =>
        plain.output().includes('waiting: no worker accepts commands'),
      );
      expect(await waiting()).toBe(
        'waiting: no worker accepts commands; start one with --allow-commands',
      );
      const queued = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
      expect(queued.length).toBeGreaterThan(0);
      expect(queued.every((t) => t.state === 'queued' && t.workerId === null)).toBe(true);

      // A worker allowing only another program changes the reason, and runs nothing either.
      const node = cluster.spawnWorker({ ...token, SWEEPWISE_WORKER_ID: 'node-only' }, [
        '--allow-programs',
        'node',
      ]);
      await cluster.ready(node);
      expect(await waiting()).toMatch(
        /^waiting: no worker accepts the program "python3" \(workers allow only node\)/,
      );

      const allowing = cluster.spawnWorker({ ...token, SWEEPWISE_WORKER_ID: 'allowing' }, [
        '--allow-commands',
      ]);
      await cluster.waitForStatus(sweep.id, ['finished']);
      expect(await waiting()).toBeNull();
      expect(allowing.output()).toContain('commands of any program');
    } finally {
      redis.disconnect();
    }
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials).toHaveLength(4);
    for (const t of trials) {
      expect(t.state).toBe('completed');
      expect(t.workerId).toBe('allowing');
      expect(t.metrics).toMatchObject({
        database_url: 0,
        redis_url: 0,
        api_token: 0,
        secret_ok: 1,
        trial_id: 1,
      });
    }
  });

  it('end a sweep as failed at budget.maxFailedTrials failures, with the last error as its reason', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        command: {
          program: 'python3',
          args: ['-c', 'import sys; sys.exit("no such file: train.py")'],
        },
      },
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { x: { type: 'float', low: 0, high: 1 } },
      budget: { maxTrials: 20, maxConcurrentTrials: 1, maxFailedTrials: 3 },
    });
    cluster.spawnWorker({}, ['--allow-commands']);
    await cluster.waitForStatus(sweep.id, ['failed']);
    const stored = await cluster.db.sweep.findUniqueOrThrow({ where: { id: sweep.id } });
    expect(stored.error).toBe(
      '3 trials failed (budget.maxFailedTrials 3); the last: exited with code 1: no such file: train.py',
    );
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    // One at a time: the third failure ends the sweep before a fourth trial is allocated.
    expect(trials.map((t) => t.state)).toEqual(['failed', 'failed', 'failed']);
  });
});
