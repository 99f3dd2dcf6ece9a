import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

describe('trial slots', () => {
  /** A wide and a 1-thread engine trial, both queued at once for one 2-slot worker. */
  async function runBoth(wide: number) {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [8] }, epochs: 15, batchSize: 16 },
      },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: { 'parallel.workers': { type: 'categorical', choices: [wide, 1] } },
      algorithm: { type: 'grid' },
      budget: { maxTrials: 2, maxConcurrentTrials: 2 },
    });
    const worker = cluster.spawnWorker({ SWEEPWISE_TRIAL_CONCURRENCY: '2' });
    await cluster.waitForStatus(sweep.id, ['finished'], 120_000);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      orderBy: { startedAt: 'asc' },
    });
    expect(trials.map((t) => t.state)).toEqual(['completed', 'completed']);
    const workers = trials.map((t) => (t.params as Record<string, number>)['parallel.workers']);
    expect([...workers].sort()).toEqual([1, wide]);
    return { trials, output: worker.output() };
  }

  it('counts a 2-worker engine trial as 2 slots: on a 2-slot worker no 1-worker trial runs beside it', async () => {
    const { trials, output } = await runBoth(2);
    // Both jobs reach the worker at once (its BullMQ concurrency is 2); one waits for the other.
    const [first, second] = trials;
    expect(second!.startedAt!.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
    expect(output).not.toMatch(/runs alone/);
  });

  it('runs a trial wider than the worker alone, on all its slots, and says so', async () => {
    const { trials, output } = await runBoth(3);
    const [first, second] = trials;
    expect(second!.startedAt!.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
    const wide = trials.find((t) => (t.params as Record<string, number>)['parallel.workers'] === 3);
    expect(output).toContain(
      `trial ${wide!.number} trains on 3 threads, more than this worker's 2 trial slots: it runs alone`,
    );
  });
});
