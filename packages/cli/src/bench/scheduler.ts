// `sweepwise bench scheduler --json`: sweeps of an instant objective (the builtin quadratic, a real
// workload kind) through the real Redis and Postgres with worker processes spawned from
// apps/worker/dist (build it first), timed from the sweep's start until its last trial is stored.
//   1. 2,000 trials, random sampler, 2 workers (the first runs the controllers) -> trials_per_s,
//      and the controller process's resident memory: its peak, and at a tenth and at the end of
//      the run (flat when the controller keeps nothing per trial; try --trials 100000)
//   2. 1,000 trials reporting 100 curve points each, 2 workers -> curve_points_per_s
//   3. soak: 8 workers, 5,000 trials, grid sampler -> exactly 5,000 trials, unique numbers,
//      no configuration twice
// Options: --trials N, --points N (per trial), --soak-trials N, --no-soak, --concurrency N
// (trials at once per worker process; default 32: instant trials wait on I/O, not CPU).
// Uses DATABASE_URL / REDIS_URL (defaults: the local sweepwise database and Redis); deletes its
// sweeps afterwards. Machines shared with other work make the figures noisy.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, createSweep, setSweepStatus, type Db } from '@sweepwise/db';
import { SweepSpec, sweepSpecOf, type SweepSpecInput } from '@sweepwise/sweeps';
import { createRedis } from '@sweepwise/queue';
import { intFlag, parseArgs } from '../args.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const WORKER_MAIN = join(ROOT, 'apps/worker/dist/main.js');

interface Fleet {
  prefix: string;
  workers: ChildProcess[];
}

/**
 * Worker processes pinned to the given sweeps, resolved once each says it is running; only the
 * first runs controllers, so its memory is the controller's (with its share of instant trials).
 */
async function startWorkers(
  count: number,
  sweepIds: string[],
  concurrency: number,
): Promise<Fleet> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const workers: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        ...process.env,
        SWEEPWISE_QUEUE_PREFIX: prefix,
        SWEEPWISE_SWEEP_IDS: sweepIds.join(','),
        SWEEPWISE_TRIAL_CONCURRENCY: String(concurrency),
        SWEEPWISE_CONTROLLER_POLL_MS: '100',
        SWEEPWISE_CONTROLLERS: i === 0 ? '1' : '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    ready.push(
      new Promise((resolve, reject) => {
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('trials at once')) resolve();
        });
        child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
        child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
      }),
    );
    workers.push(child);
  }
  await Promise.all(ready);
  return { prefix, workers };
}

async function stopWorkers(fleet: Fleet): Promise<void> {
  await Promise.all(
    fleet.workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          w.removeAllListeners('exit');
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
  const redis = createRedis();
  const keys = await redis.keys(`${fleet.prefix}:*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  await redis.quit();
}

/** A process's resident set and its peak so far, in MB (Linux: /proc/PID/status). */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Samples a process's resident set once a second until stopped. */
function sampleResident(pid: number): () => { tenth: number; end: number; peak: number } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(residentMb(pid).rss), 1000);
  return () => {
    clearInterval(timer);
    const now = residentMb(pid);
    samples.push(now.rss);
    return { tenth: samples[Math.floor(samples.length / 10)], end: now.rss, peak: now.peak };
  };
}

/** Starts a draft sweep and returns the seconds until it is finished with no trial open. */
async function timeSweep(db: Db, sweepId: string): Promise<number> {
  const t0 = performance.now();
  await setSweepStatus(db, sweepId, 'start');
  for (;;) {
    const sweep = await db.sweep.findUniqueOrThrow({
      where: { id: sweepId },
      select: { status: true, error: true },
    });
    if (sweep.status === 'failed') throw new Error(`sweep failed: ${sweep.error}`);
    if (sweep.status === 'finished') {
      const open = await db.trial.count({
        where: { sweepId, state: { in: ['queued', 'running'] } },
      });
      if (open === 0) return (performance.now() - t0) / 1000;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function sweepBody(name: string, overrides: Partial<SweepSpecInput>): SweepSpec {
  return SweepSpec.parse({
    name,
    workload: { builtin: { objective: 'quadratic', steps: 1 } },
    metric: { name: 'loss', goal: 'minimize' },
    parameters: { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 1, maxConcurrentTrials: 128 },
    ...overrides,
  });
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  const parsed = parseArgs(args, {
    valued: ['trials', 'points', 'soak-trials', 'concurrency'],
    switches: ['no-soak'],
    usage:
      'sweepwise bench scheduler [--json] [--trials 2000] [--points 100] [--soak-trials 5000] [--no-soak] [--concurrency 32]',
  });
  const trials = intFlag(parsed, 'trials', 2000);
  const points = intFlag(parsed, 'points', 100);
  const soakTrials = intFlag(parsed, 'soak-trials', 5000);
  const concurrency = intFlag(parsed, 'concurrency', 32);
  if (!existsSync(WORKER_MAIN)) {
    throw new Error(
      `${WORKER_MAIN} is missing: build the worker first (pnpm --filter @sweepwise/worker build)`,
    );
  }
  const db = createDb();
  const name = `bench-scheduler-${randomUUID().slice(0, 8)}`;
  const print = (line: Record<string, unknown>) =>
    console.log(
      json
        ? JSON.stringify(line)
        : Object.entries(line)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
    );
  try {
    const plain = await createSweep(
      db,
      sweepBody(name, { budget: { maxTrials: trials, maxConcurrentTrials: 128 } }),
      { status: 'draft' },
    );
    const curves = await createSweep(
      db,
      sweepBody(name, {
        workload: { builtin: { objective: 'quadratic', steps: points } },
        budget: { maxTrials: Math.ceil(trials / 2), maxConcurrentTrials: 128 },
      }),
      { status: 'draft' },
    );
    let fleet = await startWorkers(2, [plain.id, curves.id], concurrency);
    try {
      const resident = sampleResident(fleet.workers[0].pid!);
      const s = await timeSweep(db, plain.id);
      const memory = resident();
      const done = await db.trial.count({ where: { sweepId: plain.id, state: 'completed' } });
      print({
        bench: 'scheduler',
        trials: done,
        workers: 2,
        seconds: round(s),
        trials_per_s: round(done / s),
        controller_peak_rss_mb: round(memory.peak),
        controller_rss_mb_at_tenth: round(memory.tenth),
        controller_rss_mb_at_end: round(memory.end),
      });
      const c = await timeSweep(db, curves.id);
      const stored = await db.curvePoint.count({ where: { trial: { sweepId: curves.id } } });
      print({
        bench: 'scheduler',
        trials: sweepSpecOf(curves).budget.maxTrials,
        points_per_trial: points,
        workers: 2,
        curve_points: stored,
        seconds: round(c),
        curve_points_per_s: round(stored / c),
      });
    } finally {
      await stopWorkers(fleet);
    }
    if (parsed.flags.has('no-soak')) return;
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = Array.from({ length: Math.ceil(soakTrials / 100) }, (_, i) => i);
    const soak = await createSweep(
      db,
      sweepBody(name, {
        parameters: {
          x: { type: 'int', low: 0, high: 99 },
          y: { type: 'int', low: 0, high: y.length - 1 },
        },
        algorithm: { type: 'grid', values: { x, y } },
        budget: { maxTrials: soakTrials, maxConcurrentTrials: 128 },
      }),
      { status: 'draft' },
    );
    fleet = await startWorkers(8, [soak.id], concurrency);
    try {
      const s = await timeSweep(db, soak.id);
      const rows = await db.trial.findMany({
        where: { sweepId: soak.id },
        select: { number: true, params: true, state: true },
      });
      const numbers = new Set(rows.map((r) => r.number));
      const configs = new Set(rows.map((r) => JSON.stringify(r.params)));
      const uniqueNumbers =
        numbers.size === rows.length && Math.max(...numbers) === rows.length - 1;
      print({
        bench: 'scheduler-soak',
        trials: rows.length,
        workers: 8,
        completed: rows.filter((r) => r.state === 'completed').length,
        unique_numbers: uniqueNumbers,
        duplicate_configs: rows.length - configs.size,
        ok: rows.length === soakTrials && uniqueNumbers && configs.size === rows.length,
        seconds: round(s),
        trials_per_s: round(rows.length / s),
      });
    } finally {
      await stopWorkers(fleet);
    }
  } finally {
    await db.sweep.deleteMany({ where: { name } });
    // Each run leaves some 10^5 dead rows behind; where autovacuum is off (it is on these
    // machines) they would slow every later run down, so the benchmark cleans up after itself.
    await db.$executeRawUnsafe('VACUUM ANALYZE "Trial", "CurvePoint", "StopDecision"');
    await db.$disconnect();
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
