// examples/mnist-cnn-gp.yaml on the platform: the file as users run it, with a smaller budget
// (4 trials, 300 images, 3 epochs, ASHA's rungs cut to match) so the test stays short.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSweepFile } from '@sweepwise/sweeps';
import { Cluster } from './cluster.js';

const FILE = new URL('../../../examples/mnist-cnn-gp.yaml', import.meta.url);

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

describe('examples/mnist-cnn-gp.yaml', () => {
  it('tunes the CNN with GP + ASHA on the workers: every trial trained or pruned, with its cost', async () => {
    cluster = new Cluster();
    const body = parseSweepFile(readFileSync(FILE, 'utf8'));
    const engine = (body.workload as { engine: Record<string, unknown> }).engine;
    expect(body.algorithm.type).toBe('gp');
    expect(body.stopper?.type).toBe('asha');
    const sweep = await cluster.sweep({
      ...body,
      workload: {
        engine: { ...engine, dataset: { name: 'mnist', n: 300 }, epochs: 3 },
      },
      algorithm: { ...body.algorithm, startupTrials: 2 },
      stopper: { ...body.stopper!, maxResource: 3 },
      budget: { ...body.budget, maxTrials: 4, maxConcurrentTrials: 2 },
    } as Parameters<Cluster['sweep']>[0]);
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished'], 180_000);
    const trials = await cluster.db.trial.findMany({ where: { sweepId: sweep.id } });
    expect(trials).toHaveLength(4);
    for (const t of trials) {
      expect(['completed', 'pruned']).toContain(t.state);
      const m = t.metrics as Record<string, number>;
      expect(t.value).toBe(m.val_acc);
      // 1x28x28 → conv c1 (k1×k1, valid) → pool 2 → conv c2 (k2×k2) → pool 2 → dense 64 → 10
      const p = t.params as Record<string, number>;
      const [c1, k1, c2, k2] = ['0.conv', '0.kernel', '2.conv', '2.kernel'].map(
        (f) => p[`model.layers.${f}`]!,
      ) as [number, number, number, number];
      const side = Math.floor((Math.floor((28 - k1 + 1) / 2) - k2 + 1) / 2);
      const convs = k1 * k1 * c1 + c1 + k2 * k2 * c1 * c2 + c2;
      expect(m.param_count).toBe(convs + side * side * c2 * 64 + 64 + 64 * 10 + 10);
      expect(m.model_bytes).toBe(4 * m.param_count!);
    }
    expect(trials.some((t) => t.state === 'completed')).toBe(true);
  });
});
