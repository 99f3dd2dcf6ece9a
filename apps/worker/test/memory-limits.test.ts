import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

describe('engine trials over their memory budget', () => {
  it('fail as out of memory, once, and the worker goes on to complete the next trial', async () => {
    cluster = new Cluster();
    // The grid's seeded order (seed 5) puts the one trial that fits last; one trial at a time.
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [8] }, epochs: 2, batchSize: 16 },
      },
      metric: { name: 'val_acc', goal: 'maximize' },
      parameters: {
        'dataset.name': { type: 'categorical', choices: ['mnist', 'iris'] },
        'model.hidden.0': { type: 'categorical', choices: [1024, 8] },
      },
      algorithm: { type: 'grid', seed: 5 },
      // Three of four fail on purpose: the default maxFailedTrials (3) would end the sweep there.
      budget: { maxTrials: 4, maxConcurrentTrials: 1, maxFailedTrials: 4 },
    });
    const worker = cluster.spawnWorker({
      SWEEPWISE_TRIAL_CONCURRENCY: '1',
      // Loading MNIST (10,000 x 784) takes more JS heap than this; iris does not.
      SWEEPWISE_TRIAL_HEAP_MB: '32',
      // Iris with 1,024 units needs about 0.5 MB (weights, gradients, Adam's two slots); 8 units, 1 kB.
      SWEEPWISE_MAX_MODEL_BYTES: '200000',
    });
    await cluster.waitForStatus(sweep.id, ['finished'], 90_000);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { number: 'asc' },
    });
    const summary = trials.map((t) => ({
      params: t.params,
      state: t.state,
      attempts: t.attempts,
      error: t.error,
    }));
    const mnist = summary.filter(
      (t) => (t.params as Record<string, unknown>)['dataset.name'] === 'mnist',
    );
    expect(mnist).toHaveLength(2);
    for (const t of mnist) {
      expect(t).toMatchObject({ state: 'failed', attempts: 1 });
      expect(t.error).toMatch(/^out of memory: the engine thread went over its 32 MB heap/);
    }
    const wide = summary.find(
      (t) =>
        (t.params as Record<string, unknown>)['dataset.name'] === 'iris' &&
        (t.params as Record<string, unknown>)['model.hidden.0'] === 1024,
    );
    expect(wide).toMatchObject({ state: 'failed', attempts: 1 });
    expect(wide?.error).toMatch(
      /^out of memory: ConfigError: \w+ must give a training run of <= 200000 bytes/,
    );
    // The one trial that fits completed after a trial had run out of memory on this worker.
    // The one trial that fits ran last, after three had run out of memory on this worker.
    expect(trials.map((t) => t.state)).toEqual(['failed', 'failed', 'failed', 'completed']);
    expect(trials[3]).toMatchObject({ attempts: 1 });
    expect(trials[3].params).toEqual({ 'dataset.name': 'iris', 'model.hidden.0': 8 });
    expect(+trials[3].startedAt!).toBeGreaterThanOrEqual(+trials[2].finishedAt!);
    expect(new Set(trials.map((t) => t.workerId)).size).toBe(1);
    expect(worker.child.exitCode).toBeNull();
  }, 120_000);
});
