import { randomUUID } from 'node:crypto';
import type { Db } from '../client.js';
import { upsertCurvePoints, type CurvePointInput } from '../curves.js';

/**
 * A made-up sweep with realistic shapes (decaying validation loss, a share of pruned trials with
 * their decisions, a few failures), for the dashboard's browser tests and its benchmark: they
 * need thousands of trials without running thousands of trainings.
 */
export interface SyntheticSweepOptions {
  name: string;
  trials: number;
  pointsPerTrial: number;
  /** Trials left running (the last ones), to watch live updates. */
  running?: number;
  seed?: number;
}

/** Small deterministic generator (mulberry32), so a seeded sweep looks the same every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
const PRUNE_EVERY = 4;
const FAIL_EVERY = 97;

/** Named like the engine's config fields, so an exported synthetic sweep is a valid sweep file. */
export const SYNTHETIC_SPACE = {
  'optimizer.lr': { type: 'float', low: 1e-4, high: 1e-1, log: true },
  'model.hidden.0': { type: 'int', low: 16, high: 256 },
  'model.dropout': { type: 'float', low: 0, high: 0.5 },
  'optimizer.type': { type: 'categorical', choices: [...OPTIMIZERS] },
};

export async function seedSyntheticSweep(db: Db, options: SyntheticSweepOptions) {
  const rand = mulberry32(options.seed ?? 1);
  const running = options.running ?? 0;
  const now = Date.now();
  const sweep = await db.sweep.create({
    data: {
      name: options.name,
      spec: {
        name: options.name,
        workload: { engine: { dataset: { name: 'mnist' }, epochs: options.pointsPerTrial } },
        metric: { name: 'val_loss', goal: 'minimize' },
        parameters: SYNTHETIC_SPACE,
        algorithm: { type: 'random', seed: 1 },
        stopper: { type: 'median', warmupSteps: 3 },
        budget: { maxTrials: options.trials, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: running > 0 ? 'running' : 'finished',
      startedAt: new Date(now - options.trials * 1000),
      finishedAt: running > 0 ? null : new Date(now),
    },
  });
  const trials = [];
  const points: CurvePointInput[] = [];
  const decisions = [];
  for (let n = 0; n < options.trials; n++) {
    const lr = Math.exp(Math.log(1e-4) + rand() * Math.log(1e3));
    const hidden = 16 + Math.floor(rand() * 241);
    const dropout = rand() * 0.5;
    const optimizer = OPTIMIZERS[Math.floor(rand() * OPTIMIZERS.length)];
    const params = {
      'optimizer.lr': lr,
      'model.hidden.0': hidden,
      'model.dropout': dropout,
      'optimizer.type': optimizer,
    };
    // Loss floor best near lr = 1e-2 and wider layers; Adam a little better.
    const floor =
      0.05 +
      0.4 * Math.abs(Math.log10(lr) + 2) ** 2 * 0.3 +
      (256 - hidden) / 1500 +
      (optimizer === 'adam' ? 0 : 0.05) +
      rand() * 0.05;
    const id = randomUUID();
    const isRunning = n >= options.trials - running;
    const state = isRunning
      ? 'running'
      : n % FAIL_EVERY === FAIL_EVERY - 1
        ? 'failed'
        : n % PRUNE_EVERY === PRUNE_EVERY - 1
          ? 'pruned'
          : 'completed';
    const steps =
      state === 'pruned'
        ? 3 + Math.floor(rand() * (options.pointsPerTrial / 2))
        : isRunning
          ? Math.floor(options.pointsPerTrial / 3)
          : state === 'failed'
            ? 2
            : options.pointsPerTrial;
    let last = NaN;
    for (let step = 0; step < steps; step++) {
      last = floor + 2 * Math.exp(-step / 6) + (rand() - 0.5) * 0.02;
      points.push({ trialId: id, metric: 'val_loss', step, value: last });
    }
    const started = now - (options.trials - n) * 1000;
    trials.push({
      id,
      sweepId: sweep.id,
      number: n,
      params,
      state,
      attempts: 1,
      workerId: `worker-${n % 4}`,
      queuedAt: new Date(started - 100),
      startedAt: new Date(started),
      finishedAt: isRunning ? null : new Date(started + 800),
      heartbeatAt: isRunning ? new Date(now) : null,
      value: state === 'completed' ? last : null,
      metrics: state === 'completed' ? { val_loss: last, epochs: steps } : undefined,
      stoppedAt: state === 'pruned' ? steps - 1 : null,
      stopReason:
        state === 'pruned'
          ? `median rule: val_loss ${last.toFixed(3)} is worse than the median ${(last * 0.8).toFixed(3)} of ${Math.min(n, 50)} trials at step ${steps - 1}`
          : null,
      error: state === 'failed' ? 'Error: loss diverged (NaN) at step 1' : null,
    } as const);
    if (state === 'pruned') {
      decisions.push({
        trialId: id,
        step: steps - 1,
        rule: 'median',
        decision: 'stop',
        value: last,
        threshold: last * 0.8,
        rank: Math.min(n, 50),
        peers: Math.min(n, 50),
        reason: trials[trials.length - 1].stopReason as string,
      });
    }
  }
  for (let i = 0; i < trials.length; i += 2000) {
    await db.trial.createMany({ data: trials.slice(i, i + 2000) });
  }
  for (let i = 0; i < points.length; i += 50_000) {
    await upsertCurvePoints(db, points.slice(i, i + 50_000));
  }
  for (let i = 0; i < decisions.length; i += 5000) {
    await db.stopDecision.createMany({ data: decisions.slice(i, i + 5000) });
  }
  return sweep;
}
