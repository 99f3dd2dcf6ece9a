import { afterEach, describe, expect, it } from 'vitest';
import {
  engineRunner,
  trialSweepOf,
  type TrialContext,
  type TrialOutcome,
} from '@sweepwise/runners';
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
      metric: { name: 'val_acc', goal: 'maximize' },
      parameters: { 'optimizer.lr': { type: 'categorical', choices: [0.003, 0.03] } },
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

describe('the engine runner on a k-fold trial', () => {
  const sweep = trialSweepOf('kfold-runner', {
    name: 'kfold-runner',
    workload: {
      engine: {
        dataset: { name: 'iris' },
        model: { hidden: [8] },
        epochs: 5,
        batchSize: 16,
        crossValidation: { folds: FOLDS },
      },
    },
    metric: { name: 'val_loss', goal: 'minimize' },
    parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1 } },
    algorithm: { type: 'random' },
    stopper: { type: 'median' },
    budget: { maxTrials: 1, maxConcurrentTrials: 1, maxWallTimeS: null },
  });

  /** Runs the trial, answering 'stop' after epoch `stopAfter`; the reports and checkpoints. */
  async function run(resumeFrom: TrialContext['resumeFrom'], stopAfter = Infinity) {
    const reports: [number, Record<string, number>][] = [];
    const checkpoints = new Map<number, Uint8Array>();
    const result: TrialOutcome = await engineRunner.run(
      {
        sweep,
        trial: { id: 't', number: 0, params: { 'optimizer.lr': 0.02 }, attempt: 1 },
        resumeFrom,
        signal: new AbortController().signal,
      },
      {
        report: async (step, metrics) => {
          reports.push([step, metrics]);
          return step >= stopAfter ? 'stop' : 'continue';
        },
        checkpoint: async (step, data) => void checkpoints.set(step, data),
      },
    );
    return { result, reports, checkpoints };
  }

  const timeless = (reports: [number, Record<string, number>][]) =>
    reports.map(([step, { wall_s: _w, ...m }]) => [step, m]);

  it('a retry resumes every fold from the checkpoint: the same reports and result as one run', async () => {
    const whole = await run(null);
    expect(whole.reports.map(([step]) => step)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(whole.reports[0][1])).toEqual(
      expect.arrayContaining(['val_loss', 'val_loss_std', 'val_acc', 'val_acc_std']),
    );
    const first = await run(null, 2);
    expect(first.result.status).toBe('stopped');
    const resumed = await run({ step: 2, data: first.checkpoints.get(2)! });
    expect(resumed.reports.map(([step]) => step)).toEqual([3, 4, 5]);
    expect(timeless(resumed.reports)).toEqual(timeless(whole.reports.slice(2)));
    // wall_s and latency_ms are clock readings: equal only by chance between two runs.
    const { wall_s: _a, latency_ms: _c, ...wholeMetrics } = whole.result.metrics;
    const { wall_s: _b, latency_ms: _d, ...resumedMetrics } = resumed.result.metrics;
    expect(resumedMetrics).toEqual(wholeMetrics);
    expect(resumed.result.value).toBe(whole.result.value);
    expect(wholeMetrics.folds).toHaveLength(FOLDS);
  });
});
