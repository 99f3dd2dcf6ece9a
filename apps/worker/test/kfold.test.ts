import { afterEach, describe, expect, it } from 'vitest';
import { runPromotion } from '../src/promotion/run-promotion.js';
import { Cluster } from './cluster.js';

let cluster: Cluster;
afterEach(async () => {
  await cluster.close();
});

const EPOCHS = 4;
const FOLDS = 3;

interface FoldMetrics {
  val_loss: number;
  val_acc: number;
  epochs: number;
}

describe('an engine sweep with k-fold cross-validation as the objective', () => {
  it('reports each epoch as the mean and std across folds, stores each fold, and promotes on the development pool', async () => {
    cluster = new Cluster();
    const sweep = await cluster.sweep({
      workload: {
        engine: {
          dataset: { name: 'iris' },
          model: { hidden: [8] },
          epochs: EPOCHS,
          batchSize: 16,
          earlyStopping: { patience: null },
          crossValidation: { folds: FOLDS },
        },
      },
      objective: { metric: 'val_acc', direction: 'maximize' },
      space: { 'optimizer.lr': { type: 'categorical', choices: [0.003, 0.03] } },
      algorithm: { type: 'grid' },
      stopper: { type: 'median', minTrials: 1, warmupSteps: 1 },
      budget: { maxTrials: 2, maxConcurrentTrials: 2 },
    });
    cluster.spawnWorker();
    await cluster.waitForStatus(sweep.id, ['finished'], 90_000);
    const trials = await cluster.db.trial.findMany({
      where: { sweepId: sweep.id },
      include: { checkpoints: true, curvePoints: true },
    });
    expect(trials).toHaveLength(2);
    for (const trial of trials) {
      expect(['completed', 'pruned']).toContain(trial.state);
      const metrics = trial.metrics as unknown as {
        val_acc: number;
        val_acc_std: number;
        val_loss_std: number;
        bestEpoch: number;
        folds: FoldMetrics[];
      };
      // The objective is the mean of the folds' values at the trial's best epoch.
      expect(metrics.folds).toHaveLength(FOLDS);
      const foldAccs = metrics.folds.map((f) => f.val_acc);
      const mean = foldAccs.reduce((a, b) => a + b, 0) / FOLDS;
      expect(trial.value).toBeCloseTo(mean, 12);
      expect(metrics.val_acc).toBeCloseTo(mean, 12);
      const spread = Math.sqrt(foldAccs.reduce((a, v) => a + (v - mean) ** 2, 0) / FOLDS);
      expect(metrics.val_acc_std).toBeCloseTo(spread, 12);
      // Every reported epoch stored its mean and its spread, as stopping rules read them.
      const steps = (metric: string) =>
        trial.curvePoints
          .filter((p) => p.metric === metric)
          .map((p) => p.step)
          .sort((a, b) => a - b);
      const epochs = steps('val_acc');
      expect(epochs.length).toBeGreaterThanOrEqual(1);
      expect(epochs).toEqual([...Array(epochs.length).keys()].map((i) => i + 1));
      for (const metric of ['val_loss', 'val_loss_std', 'val_acc_std', 'train_loss']) {
        expect(steps(metric)).toEqual(epochs);
      }
      expect(trial.curvePoints.every((p) => !p.metric.startsWith('test'))).toBe(true);
      expect(trial.checkpoints.map((c) => c.step)).toEqual([epochs.length]);
    }

    // The best trial is retrained once as one model on the development pool and evaluated on the
    // test split the sweep fixed, whose hash is unchanged.
    const stored = await cluster.db.sweep.findUniqueOrThrow({ where: { id: sweep.id } });
    const testHash = (stored.split as { testHash: string }).testHash;
    const { evaluation } = await runPromotion(cluster.db, {
      sweepId: sweep.id,
      requestedBy: 'k-fold test',
    });
    expect(evaluation.splitHash).toBe(testHash);
    expect(evaluation.config).toMatchObject({ crossValidation: null });
    expect(evaluation.metrics).toMatchObject({
      task: 'classification',
      accuracy: expect.any(Number),
    });
    const promoted = trials.find((t) => t.id === evaluation.trialId)!;
    expect(evaluation.epochs).toBe((promoted.metrics as { bestEpoch: number }).bestEpoch);
  });
});
