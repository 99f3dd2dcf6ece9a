import { afterEach, describe, expect, it } from 'vitest';
import { subscribeSweepEvents, type SweepEvent } from '@sweepwise/queue';
import { setSweepStatus } from '@sweepwise/db';
import { runPromotion } from '../src/promotion/run-promotion.js';
import { Cluster, curveSteps } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

describe('a sweep on the scheduler', () => {
  it('runs exactly maxTrials trials with unique numbers, every curve point stored, events published', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 4 } },
      budget: { maxTrials: 24, maxConcurrentTrials: 3 },
    });
    const events: SweepEvent[] = [];
    const sub = await subscribeSweepEvents(sweep.id, (e) => events.push(e), {
      prefix: cluster.prefix,
    });
    cluster.spawnWorker();
    cluster.spawnWorker();
    const done = await cluster.waitForStatus(sweep.id, ['finished']);
    await sub.close();
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => t.number)).toEqual([...Array(24).keys()]);
    expect(trials.every((t) => t.state === 'completed' && t.attempts === 1)).toBe(true);
    expect(maxOpenAtOnce(trials)).toBeLessThanOrEqual(3);
    for (const t of trials) {
      const p = t.params as { x: number; y: number };
      expect(t.value).toBeCloseTo((p.x - 0.3) ** 2 + (p.y - 0.3) ** 2, 12);
    }
    const steps = await curveSteps(cluster.db, sweep.id);
    expect([...steps.values()]).toEqual(Array(24).fill([1, 2, 3, 4]));
    expect(done.tunerState).toMatchObject({ format: 'sweepwise.study/1' });
    const completed = events.filter((e) => e.type === 'trial.completed').length;
    expect(completed).toBe(24);
    expect(events.some((e) => e.type === 'trial.queued')).toBe(true);
    expect(events.some((e) => e.type === 'trial.reported')).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'sweep.status', status: 'finished' }),
    );
  });

  it('stops trials by the median rule and stores each stop with its reason', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 6 } },
      stopper: { type: 'median', minTrials: 3, warmupSteps: 1 },
      budget: { maxTrials: 16, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      include: { stopDecisions: true },
    });
    expect(trials).toHaveLength(16);
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      const stop = t.stopDecisions.filter((d) => d.decision === 'stop');
      expect(stop).toHaveLength(1);
      expect(stop[0]).toMatchObject({ rule: 'median', step: t.stoppedAt });
      expect(stop[0]!.reason).toMatch(/median/);
      expect(t.stopReason).toBe(stop[0]!.reason);
    }
    // Continues are sampled: every trial has its first report's decision stored.
    for (const t of trials) expect(t.stopDecisions.some((d) => d.step === 1)).toBe(true);
  });

  it('marks a trial that throws failed with its message and carries on', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'branin', steps: 2 } },
      parameters: {
        shape: { type: 'categorical', choices: ['full', 'partial'] },
        x1: { type: 'float', low: -5, high: 10, when: { shape: ['full'] } },
        x2: { type: 'float', low: 0, high: 15 },
      },
      // Every trial runs: half of them fail on purpose, past the default maxFailedTrials (3 of 12).
      budget: { maxTrials: 12, maxConcurrentTrials: 2, maxFailedTrials: 12 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials).toHaveLength(12);
    for (const t of trials) {
      const partial = (t.params as { shape: string }).shape === 'partial';
      expect(t.state).toBe(partial ? 'failed' : 'completed');
      if (partial) expect(t.error).toMatch(/branin objective needs numeric parameters x1 and x2/);
    }
    expect(new Set(trials.map((t) => t.state))).toEqual(new Set(['failed', 'completed']));
  });

  it('cancels a sweep: running trials stop at their next report and end cancelled', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 50, stepSeconds: 0.1 } },
      budget: { maxTrials: 10, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.until('two trials reporting', async () => {
      const n = await cluster.db.curvePoint.count({ where: { trial: { sweepId: sweep.id } } });
      return n >= 4 || undefined;
    });
    await setSweepStatus(cluster.db, sweep.id, 'cancel');
    await cluster.waitForStatus(sweep.id, ['cancelled'], 10_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials.length).toBeGreaterThanOrEqual(2);
    expect(trials.every((t) => t.state === 'cancelled')).toBe(true);
    const points = await cluster.db.curvePoint.count({ where: { trial: { sweepId: sweep.id } } });
    expect(points).toBeLessThan(2 * 50);
  });

  it('pauses (no new trials) and resumes to the end', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 3, stepSeconds: 0.2 } },
      budget: { maxTrials: 8, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.until(
      'a finished trial',
      async () =>
        (await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'completed' } })) > 0 ||
        undefined,
    );
    await setSweepStatus(cluster.db, sweep.id, 'pause');
    await cluster.until(
      'running trials to end',
      async () =>
        (await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'running' } })) === 0 ||
        undefined,
    );
    const atPause = await cluster.db.trial.count({
      where: { sweepId: sweep.id, state: 'completed' },
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'completed' } })).toBe(
      atPause,
    );
    expect(atPause).toBeLessThan(8);
    await setSweepStatus(cluster.db, sweep.id, 'resume');
    await cluster.waitForStatus(sweep.id, ['finished']);
    expect(await cluster.db.trial.count({ where: { sweepId: sweep.id, state: 'completed' } })).toBe(
      8,
    );
  });

  it('trains engine trials in worker threads: per-epoch curves, final value, a diverging trial failed', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [8] }, epochs: 3, batchSize: 16 },
      },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: {
        'optimizer.type': { type: 'constant', value: 'sgd' },
        'optimizer.lr': { type: 'categorical', choices: [0.01, 1000] },
      },
      algorithm: { type: 'grid' },
      budget: { maxTrials: 2, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      include: { checkpoints: true },
    });
    const good = trials.find((t) => (t.params as Record<string, number>)['optimizer.lr'] === 0.01)!;
    const wild = trials.find((t) => t !== good)!;
    expect(good.state).toBe('completed');
    expect(good.value).toBe((good.metrics as { val_loss: number }).val_loss);
    const curves = await curveSteps(cluster.db, sweep.id, 'val_loss');
    expect(curves.get(good.id)).toEqual([1, 2, 3]);
    expect(good.checkpoints.map((c) => c.step)).toEqual([3]);
    expect(wild.state).toBe('failed');
    expect(wild.error).toMatch(/diverged/);

    // The controller fixed the sweep's data split before its first trial, so the finished sweep's
    // best trial can be promoted to its one test evaluation.
    const stored = await cluster.db.sweep.findUniqueOrThrow({ where: { id: sweep.id } });
    expect(stored.split).toMatchObject({ testHash: expect.any(String) });
    const { evaluation } = await runPromotion(cluster.db, {
      sweepId: sweep.id,
      requestedBy: 'scheduler test',
    });
    expect(evaluation.trialId).toBe(good.id);
    expect(evaluation.splitHash).toBe((stored.split as { testHash: string }).testHash);
    expect(evaluation.metrics).toMatchObject({
      task: 'classification',
      accuracy: expect.any(Number),
    });
  });

  it('runs a pbt sweep as a population: members exploit each other at interval steps', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [8] }, epochs: 6, batchSize: 16 },
      },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: {
        'optimizer.lr': { type: 'float', low: 1e-4, high: 0.3, log: true, mutable: true },
      },
      algorithm: { type: 'pbt', seed: 3, populationSize: 4, perturbationInterval: 2 },
      budget: { maxTrials: 4, maxConcurrentTrials: 4 },
    });
    cluster.spawnWorker({ SWEEPWISE_TRIAL_CONCURRENCY: '4' });
    await cluster.waitForStatus(sweep.id, ['finished'], 120_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials.map((t) => t.state)).toEqual(Array(4).fill('completed'));
    const events = await cluster.db.pbtEvent.findMany({ where: { sweepId: sweep.id } });
    // Asynchronous PBT: a member decides against the peers that already reached its step, so
    // whether an exploit happens depends on timing; when one does, it is well formed.
    const ids = new Set(trials.map((t) => t.id));
    for (const e of events) {
      // Decided at an interval boundary, copying the source's checkpoint of that very step.
      expect(e.reason).toBe('bottom-quantile');
      expect([2, 4]).toContain(e.step);
      expect(ids.has(e.trialId) && ids.has(e.sourceId) && e.trialId !== e.sourceId).toBe(true);
      // The copy itself may be gone: see the retention check below.
      const copied = await cluster.db.checkpoint.findUnique({ where: { id: e.checkpointId! } });
      if (copied) expect(copied.step).toBe(e.step);
    }
    // The sweep is over: the retention policy leaves the latest checkpoint of the best 3 members,
    // ties by number. Ties happen: a member that copies one whose lr sits at the bound explores
    // to the same clipped lr, and a resumed copy trains bit-exactly as its source does.
    const left = await cluster.db.checkpoint.findMany({ where: { trial: { sweepId: sweep.id } } });
    const best = [...trials].sort((a, b) => a.value! - b.value! || a.number - b.number).slice(0, 3);
    expect(left.map((c) => c.trialId).sort()).toEqual(best.map((t) => t.id).sort());
    expect(left.map((c) => c.step)).toEqual([6, 6, 6]);
  });

  it('stores no checkpoint sooner than SWEEPWISE_CHECKPOINT_INTERVAL_MS after the last', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 4, stepSeconds: 0.02 } },
      budget: { maxTrials: 2, maxConcurrentTrials: 2 },
    });
    // The builtin runner offers a checkpoint every step (the faults tests resume from them).
    cluster.spawnWorker({ SWEEPWISE_CHECKPOINT_INTERVAL_MS: String(3_600_000) });
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      include: { _count: { select: { checkpoints: true, curvePoints: true } } },
    });
    expect(trials.map((t) => [t.state, t._count.curvePoints, t._count.checkpoints])).toEqual([
      ['completed', 4, 0],
      ['completed', 4, 0],
    ]);
  });

  it('fails a trial that reports past the points a curve holds, keeping the points before', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: { builtin: { objective: 'quadratic', steps: 5, stepSeconds: 0.01 } },
      budget: { maxTrials: 1, maxConcurrentTrials: 1 },
    });
    cluster.spawnWorker({ SWEEPWISE_MAX_POINTS_PER_CURVE: '3' });
    await cluster.waitForStatus(sweep.id, ['finished', 'failed']);
    const [trial] = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      include: { _count: { select: { curvePoints: true } } },
    });
    expect(trial.state).toBe('failed');
    expect(trial.error).toContain('step 4 is past the 3 points a curve holds');
    expect(trial._count.curvePoints).toBe(3);
  });

  it('maintenance ends a sweep stuck past its wall time that no controller runs', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      budget: { maxTrials: 2, maxConcurrentTrials: 1, maxWallTimeS: 1 },
    });
    // No controller anywhere: nothing but the maintenance job can end it.
    cluster.spawnWorker({
      SWEEPWISE_CONTROLLERS: '0',
      SWEEPWISE_MAINTENANCE_INTERVAL_MS: '500',
      SWEEPWISE_WALL_TIME_GRACE_MS: '1',
    });
    await cluster.waitForStatus(sweep.id, ['finished']);
    const stored = await cluster.db.sweep.findUniqueOrThrow({ where: { id: sweep.id } });
    expect(stored.error).toBe('ended by maintenance: still running past its max wall time');
    expect(await cluster.db.trial.count({ where: { sweepId: sweep.id } })).toBe(0);
  });

  it('ends the sweep at its max wall time, cancelling the trials still running', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep(
      {
        workload: { builtin: { objective: 'quadratic', steps: 100, stepSeconds: 0.1 } },
        budget: { maxTrials: 10, maxConcurrentTrials: 2, maxWallTimeS: 2 },
      },
      'draft',
    );
    await cluster.ready(cluster.spawnWorker());
    await setSweepStatus(cluster.db, sweep.id, 'start');
    const done = await cluster.waitForStatus(sweep.id, ['finished'], 20_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials.length).toBeGreaterThanOrEqual(2);
    expect(trials.every((t) => t.state === 'cancelled')).toBe(true);
    // The budget stopped them, and their reason says so.
    expect(new Set(trials.map((t) => t.stopReason))).toEqual(
      new Set(["the sweep's max wall time (2 s) ran out"]),
    );
    expect(done.finishedAt!.getTime() - done.startedAt!.getTime()).toBeGreaterThanOrEqual(2000);
  });
});

/** The most trials queued or running at one time, from their database timestamps. */
function maxOpenAtOnce(trials: { queuedAt: Date; finishedAt: Date | null }[]): number {
  const edges = trials.flatMap((t) => [
    [t.queuedAt.getTime(), 1],
    [t.finishedAt!.getTime(), -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let open = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (open += d!));
  return most;
}
