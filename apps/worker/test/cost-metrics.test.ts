import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

describe("an engine trial's cost metrics", () => {
  it('are stored with the trial and can be the sweep objective', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [4] }, epochs: 2, batchSize: 16 },
      },
      metric: { name: 'param_count', goal: 'minimize' },
      parameters: { 'model.hidden.0': { type: 'categorical', choices: [4, 8] } },
      algorithm: { type: 'grid' },
      budget: { maxTrials: 2, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished']);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    const byWidth = new Map(
      trials.map((t) => [(t.params as Record<string, number>)['model.hidden.0'], t]),
    );
    // iris: 4 features, 3 classes; Adam (the default) keeps 2 copies of the params
    const narrow = byWidth.get(4)!;
    expect(narrow.state).toBe('completed');
    expect(narrow.value).toBe(4 * 4 + 4 + (4 * 3 + 3));
    expect(narrow.metrics).toMatchObject({
      param_count: 35,
      params: 35,
      model_bytes: 35 * 4,
      flops_per_sample: 4 * 4 + 4 * 3,
      optimizer_state_bytes: 2 * 35 * 4,
      activation_bytes_per_batch: 16 * (4 + 4 + 3) * 4,
    });
    // Measured on the worker: a median of single-sample passes, so only its presence is certain.
    expect((narrow.metrics as Record<string, number>).latency_ms).toBeGreaterThan(0);
    expect(byWidth.get(8)!.value).toBe(4 * 8 + 8 + (8 * 3 + 3));
  });

  it('serve as objectives and bounds: the study is told every one, from the final metrics', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: { dataset: { name: 'iris' }, model: { hidden: [4] }, epochs: 2, batchSize: 16 },
      },
      metric: undefined,
      metrics: [
        { name: 'val_acc', goal: 'maximize' },
        { name: 'param_count', goal: 'minimize' },
      ],
      // Width 4 keeps 35 params (140 bytes), width 8 keeps 67 (268 bytes).
      constraints: [{ metric: 'model_bytes', max: 200 }],
      parameters: { 'model.hidden.0': { type: 'categorical', choices: [4, 8] } },
      algorithm: { type: 'nsga2', seed: 1 },
      budget: { maxTrials: 4, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished']);
    const stored = await cluster.db.sweep.findUniqueOrThrow({ where: { id: sweep.id } });
    const study = stored.tunerState as {
      objectives: { name: string }[];
      trials: { params: Record<string, number>; values?: number[]; violation?: number }[];
    };
    expect(study.objectives.map((o) => o.name)).toEqual(['val_acc', 'param_count']);
    expect(study.trials).toHaveLength(4);
    for (const t of study.trials) {
      const width = t.params['model.hidden.0'];
      expect(t.values![1]).toBe(width === 4 ? 35 : 67);
      expect(t.violation).toBe(width === 4 ? 0 : 68);
    }
  });
});
