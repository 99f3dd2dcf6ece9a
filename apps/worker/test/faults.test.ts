import { afterEach, describe, expect, it } from 'vitest';
import { subscribeSweepEvents, type SweepEvent } from '@sweepwise/queue';
import { defaultWorkerOptions } from '../src/options.js';
import { Cluster, curveSteps, FAST } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

const SLOW = { builtin: { objective: 'quadratic' as const, steps: 10, stepSeconds: 0.15 } };

/** Waits until worker `workerId` runs a trial that has stored at least `points` points. */
async function runningTrialOf(workerId: string, sweepId: string, points = 3) {
  return cluster.until(`a trial of ${workerId} with ${points} points`, async () => {
    const trials = await cluster.db.trial.findMany({
      where: { sweepId, workerId, state: 'running' },
      include: { _count: { select: { curvePoints: true } } },
    });
    return trials.find((t) => t._count.curvePoints >= points);
  });
}

/** The first step a trial reported after `since`, from the live events. */
function firstStepAfter(events: SweepEvent[], trialId: string, since: number): number | undefined {
  for (const e of events) {
    if (e.type === 'trial.reported' && e.trialId === trialId && e.at > since) return e.step;
  }
  return undefined;
}

async function expectEveryCurveComplete(sweepId: string, trials: number, steps: number) {
  const curves = await curveSteps(cluster.db, sweepId);
  expect(curves.size).toBe(trials);
  for (const s of curves.values())
    expect(s).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
}

describe('faults', () => {
  it('retries the trial of a SIGKILLed worker from its checkpoint, keeping its number and every point once', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: SLOW,
      budget: { maxTrials: 4, maxConcurrentTrials: 2 },
    });
    const events: SweepEvent[] = [];
    const sub = await subscribeSweepEvents(sweep.id, (e) => events.push(e), {
      prefix: cluster.prefix,
    });
    const a = cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-a' });
    const victim = await runningTrialOf('worker-a', sweep.id);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await a.exited;
    cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-b' });
    await cluster.waitForStatus(sweep.id, ['finished']);
    await sub.close();

    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
    expect(trials.every((t) => t.state === 'completed')).toBe(true);
    const retried = trials.find((t) => t.id === victim.id)!;
    expect(retried).toMatchObject({ number: victim.number, attempts: 2, workerId: 'worker-b' });
    await expectEveryCurveComplete(sweep.id, 4, 10);
    // Resumed from its checkpoint, not from the start.
    expect(firstStepAfter(events, victim.id, killedAt)).toBeGreaterThan(
      victim._count.curvePoints - 1,
    );
  });

  it('fails a trial with the reason once its attempts are used up, and the sweep goes on', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: SLOW,
      budget: { maxTrials: 3, maxConcurrentTrials: 1 },
    });
    const a = cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-a' });
    const victim = await runningTrialOf('worker-a', sweep.id, 1);
    a.child.kill('SIGKILL');
    await a.exited;
    cluster.spawnWorker({ SWEEPWISE_MAX_ATTEMPTS: '1' });
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials).toHaveLength(3);
    const failed = trials.find((t) => t.id === victim.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(
      /worker worker-a stopped sending heartbeats during attempt 1 of 1/,
    );
    expect(trials.filter((t) => t.state === 'completed')).toHaveLength(2);
  });

  it('on SIGTERM hands running trials back without spending an attempt, then exits', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: SLOW,
      budget: { maxTrials: 3, maxConcurrentTrials: 2 },
    });
    const events: SweepEvent[] = [];
    const sub = await subscribeSweepEvents(sweep.id, (e) => events.push(e), {
      prefix: cluster.prefix,
    });
    const a = cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-a' });
    const handed = await runningTrialOf('worker-a', sweep.id);
    a.child.kill('SIGTERM');
    const termAt = Date.now();
    expect(await a.exited).toBe(0);
    expect(a.output()).toMatch(/SIGTERM/);
    const back = await cluster.db.trial.findUniqueOrThrow({ where: { id: handed.id } });
    expect(back).toMatchObject({ state: 'queued', attempts: 0, workerId: null });
    cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-b' });
    await cluster.waitForStatus(sweep.id, ['finished']);
    await sub.close();
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials.every((t) => t.state === 'completed' && t.attempts === 1)).toBe(true);
    await expectEveryCurveComplete(sweep.id, 3, 10);
    expect(firstStepAfter(events, handed.id, termAt)).toBeGreaterThan(1);
  });

  it('finishes with the right trial count when Redis restarts mid-sweep', async () => {
    cluster = new Cluster();
    const redis = await cluster.privateRedis(6390 + (process.pid % 500));
    cluster = Object.assign(cluster, { redisUrl: redis.url });
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 3, stepSeconds: 0.05 } },
      budget: { maxTrials: 30, maxConcurrentTrials: 4 },
    });
    cluster.spawnWorker({ REDIS_URL: redis.url });
    cluster.spawnWorker({ REDIS_URL: redis.url });
    await cluster.until(
      '8 completed trials',
      async () =>
        (await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'completed' } })) >= 8 ||
        undefined,
    );
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    await cluster.waitForStatus(sweep.id, ['finished'], 50_000);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => t.number)).toEqual([...Array(30).keys()]);
    expect(trials.every((t) => t.state === 'completed')).toBe(true);
    await expectEveryCurveComplete(sweep.id, 30, 3);
  });

  it('buffers reports while Postgres is unreachable and loses none', async () => {
    cluster = new Cluster();
    const proxy = await cluster.postgresProxy();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 5, stepSeconds: 0.05 } },
      budget: { maxTrials: 16, maxConcurrentTrials: 4 },
    });
    // The cut (3 s) is twice the stale limit: heartbeats it kept from Postgres do not count.
    const env = { DATABASE_URL: proxy.url };
    const a = cluster.spawnWorker(env);
    await cluster.until(
      '4 completed trials',
      async () =>
        (await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'completed' } })) >= 4 ||
        undefined,
    );
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 3000));
    await proxy.restore();
    await cluster.waitForStatus(sweep.id, ['finished'], 50_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials).toHaveLength(16);
    const unlike = trials.filter((t) => t.state !== 'completed' || t.attempts !== 1);
    expect(unlike.map((t) => `${t.number} ${t.state} ${t.attempts} ${t.error}`)).toEqual([]);
    await expectEveryCurveComplete(sweep.id, 16, 5);
    expect(a.child.exitCode).toBeNull();
  });

  it('keeps running trials through a Postgres cut of twice staleAfterMs at the default settings', async () => {
    cluster = new Cluster();
    const proxy = await cluster.postgresProxy();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 8, stepSeconds: 0.5 } },
      budget: { maxTrials: 8, maxConcurrentTrials: 4 },
    });
    // The worker's own defaults (heartbeat 2 s, stale after 10 s, lease 10 s), not the fast ones.
    const defaults = Object.fromEntries(Object.keys(FAST).map((k) => [k, '']));
    const staleAfterMs = defaultWorkerOptions().staleAfterMs;
    const env = { ...defaults, DATABASE_URL: proxy.url };
    const workers = [cluster.spawnWorker(env), cluster.spawnWorker(env)];
    await cluster.until(
      '4 trials with points',
      async () =>
        (await cluster.db.trial.count({
          where: { sweepId: sweep.id, state: 'running', curvePoints: { some: {} } },
        })) >= 4 || undefined,
    );
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 2 * staleAfterMs));
    await proxy.restore();
    await cluster.waitForStatus(sweep.id, ['finished'], 90_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    const unlike = trials.filter((t) => t.state !== 'completed' || t.attempts !== 1);
    expect(unlike.map((t) => `${t.number} ${t.state} ${t.attempts} ${t.error}`)).toEqual([]);
    expect(trials).toHaveLength(8);
    await expectEveryCurveComplete(sweep.id, 8, 8);
    for (const w of workers) expect(w.child.exitCode).toBeNull();
  }, 150_000);

  it('replaces a killed controller, which rebuilds its tuner from the trials: no grid point twice', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 2, stepSeconds: 0.1 } },
      parameters: { x: { type: 'int', low: 0, high: 4 }, y: { type: 'int', low: 0, high: 3 } },
      algorithm: { type: 'grid', values: { x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3] } },
      budget: { maxTrials: 20, maxConcurrentTrials: 4 },
    });
    const a = cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-a' });
    await cluster.until(
      'trials allocated',
      async () =>
        (await cluster.db.trial.count({ where: { sweepId: sweep.id } })) >= 4 || undefined,
    );
    a.child.kill('SIGKILL');
    await a.exited;
    cluster.spawnWorker({ SWEEPWISE_WORKER_ID: 'worker-b' });
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => t.number)).toEqual([...Array(20).keys()]);
    expect(new Set(trials.map((t) => JSON.stringify(t.params))).size).toBe(20);
    expect(trials.every((t) => t.state === 'completed')).toBe(true);
    const tunerIds = trials.map((t) => t.tunerTrialId);
    expect(new Set(tunerIds).size).toBe(20);
  });
});
