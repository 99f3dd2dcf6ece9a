// Test fixtures for the scheduler: worker processes spawned from dist/ against the test database,
// a private Redis server, a TCP proxy that can cut Postgres off, and sweep helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, Socket, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb, createSweep, databaseUrl, type Db } from '@sweepwise/db';
import { SweepSpec, type SweepSpecInput } from '@sweepwise/sweeps';
import { createRedis } from '@sweepwise/queue';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Fast heartbeats and leases, so faults are detected in a second or two. */
export const FAST = {
  SWEEPWISE_HEARTBEAT_INTERVAL_MS: '200',
  SWEEPWISE_STALE_AFTER_MS: '1500',
  SWEEPWISE_CONTROLLER_LEASE_MS: '1500',
  SWEEPWISE_CONTROLLER_POLL_MS: '200',
  SWEEPWISE_DECISION_TIMEOUT_MS: '3000',
};

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export class Cluster {
  readonly prefix = `test-${randomUUID().slice(0, 8)}`;
  readonly db: Db = createDb();
  readonly workers: WorkerProcess[] = [];
  readonly sweepIds: string[] = [];
  private readonly servers: (() => Promise<void>)[] = [];

  constructor(readonly redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') {}

  /** A sweep on a builtin objective; only this cluster's workers (SWEEPWISE_SWEEP_IDS) take it. */
  async sweep(overrides: Partial<SweepSpecInput> = {}, status: 'running' | 'draft' = 'running') {
    const sweep = await createSweep(
      this.db,
      SweepSpec.parse({
        name: `worker-test-${this.prefix}`,
        workload: { builtin: { objective: 'quadratic', steps: 3 } },
        metric: { name: 'loss', goal: 'minimize' },
        parameters: {
          x: { type: 'float', low: 0, high: 1 },
          y: { type: 'float', low: 0, high: 1 },
        },
        algorithm: { type: 'random', seed: 7 },
        budget: { maxTrials: 10, maxConcurrentTrials: 4 },
        ...overrides,
      }),
      { status },
    );
    this.sweepIds.push(sweep.id);
    return sweep;
  }

  /** `args`: the worker's flags, e.g. --allow-commands. */
  spawnWorker(env: Record<string, string> = {}, args: string[] = []): WorkerProcess {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        REDIS_URL: this.redisUrl,
        SWEEPWISE_QUEUE_PREFIX: this.prefix,
        SWEEPWISE_SWEEP_IDS: this.sweepIds.join(','),
        SWEEPWISE_TRIAL_CONCURRENCY: '2',
        ...FAST,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const worker = { child, output: () => out, exited };
    this.workers.push(worker);
    return worker;
  }

  /** Resolves once the worker process has started its queue worker. */
  ready(worker: WorkerProcess): Promise<true> {
    return this.until('the worker to start', async () =>
      worker.output().includes('trials at once'),
    );
  }

  /** Polls until `check` returns a value (not undefined/false) or the time runs out. */
  async until<T>(
    what: string,
    check: () => Promise<T | undefined | false>,
    timeoutMs = 40_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) {
        const sweeps = await this.db.sweep.findMany({
          where: { id: { in: this.sweepIds } },
          select: {
            status: true,
            controllerLeaseUntil: true,
            trials: {
              select: {
                number: true,
                state: true,
                attempts: true,
                workerId: true,
                tunerTrialId: true,
              },
            },
          },
        });
        throw new Error(
          `${JSON.stringify(sweeps)}\n` +
            `timed out waiting for ${what}\n${this.workers.map((w) => w.output()).join('\n---\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async waitForStatus(sweepId: string, statuses: string[], timeoutMs?: number) {
    return this.until(
      `sweep ${sweepId} to be ${statuses.join('/')}`,
      async () => {
        const s = await this.db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
        if (!statuses.includes(s.status)) return undefined;
        const open = await this.db.trial.count({
          where: { sweepId, state: { in: ['queued', 'running'] } },
        });
        return open === 0 ? s : undefined;
      },
      timeoutMs,
    );
  }

  /** A redis-server of this test's own, restartable without touching the shared one. */
  async privateRedis(
    port: number,
  ): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
    let server: ChildProcess | null = null;
    const url = `redis://127.0.0.1:${port}`;
    const start = async () => {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await this.until(
        `redis on ${port}`,
        async () => {
          const probe = createRedis(url, {
            lazyConnect: true,
            retryStrategy: () => null,
            maxRetriesPerRequest: 0,
          });
          probe.on('error', () => {});
          try {
            await probe.connect();
            return (await probe.ping()) === 'PONG';
          } catch {
            return false;
          } finally {
            probe.disconnect();
          }
        },
        10_000,
      );
    };
    const stop = async () => {
      const s = server;
      server = null;
      if (!s || s.exitCode !== null) return;
      const gone = new Promise((r) => s.once('exit', r));
      s.kill('SIGKILL');
      await gone;
    };
    await start();
    this.servers.push(stop);
    return { url, stop, start };
  }

  /** A TCP proxy to Postgres that can refuse and drop connections, as an outage would. */
  async postgresProxy(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void> }> {
    const target = new URL(databaseUrl());
    const sockets = new Set<Socket>();
    let server: Server;
    let port = 0;
    const listen = () =>
      new Promise<void>((resolve) => {
        server = createServer((client) => {
          const upstream = new Socket();
          sockets.add(client).add(upstream);
          upstream.connect(Number(target.port || 5432), target.hostname);
          client.pipe(upstream).pipe(client);
          const close = () => {
            client.destroy();
            upstream.destroy();
            sockets.delete(client);
            sockets.delete(upstream);
          };
          client.on('error', close).on('close', close);
          upstream.on('error', close).on('close', close);
        });
        server.listen(port, '127.0.0.1', () => {
          port = (server.address() as { port: number }).port;
          resolve();
        });
      });
    await listen();
    const cut = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    };
    this.servers.push(cut);
    const url = new URL(databaseUrl());
    url.port = String(port);
    return { url: url.toString(), cut, restore: listen };
  }

  async close(): Promise<void> {
    for (const w of this.workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(this.workers.map((w) => w.exited));
    for (const stop of this.servers) await stop().catch(() => undefined);
    if (this.sweepIds.length > 0)
      await this.db.sweep.deleteMany({ where: { id: { in: this.sweepIds } } });
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const leftovers = await redis.keys(`${this.prefix}:*`);
    if (leftovers.length > 0) await redis.del(...leftovers);
    await redis.quit();
    await this.db.$disconnect();
  }
}

/** Every trial's curve of `metric`: the sorted steps it has. */
export async function curveSteps(db: Db, sweepId: string, metric = 'loss') {
  const points = await db.curvePoint.findMany({
    where: { metric, trial: { sweepId } },
    select: { step: true, trialId: true },
  });
  const byTrial = new Map<string, number[]>();
  for (const p of points) byTrial.set(p.trialId, [...(byTrial.get(p.trialId) ?? []), p.step]);
  for (const steps of byTrial.values()) steps.sort((a, b) => a - b);
  return byTrial;
}
