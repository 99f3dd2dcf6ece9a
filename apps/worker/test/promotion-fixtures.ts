import type { Promotion, Sweep, Trial } from '@sweepwise/db';
import type { SplitDescriptor } from '@sweepwise/data';
import { train, validateConfig, withParams } from '@sweepwise/engine';
import { loadTrialDataset } from '@sweepwise/runners';

/** Small and fast: iris, one hidden layer, a few epochs. */
export const IRIS_BASE = {
  dataset: {
    name: 'iris',
    split: { train: 0.6, validation: 0.2, test: 0.2, seed: 7, stratify: true },
  },
  model: { hidden: [8], activation: 'tanh', init: 'xavier_uniform' },
  optimizer: { type: 'adam', lr: 0.05 },
  batchSize: 16,
  epochs: 12,
  seed: 3,
  earlyStopping: { metric: 'val_loss', patience: 3 },
};

/** Friedman #1 regression, a few hundred samples. */
export const REGRESSION_BASE = {
  dataset: {
    name: 'regression',
    n: 300,
    split: { train: 0.6, validation: 0.2, test: 0.2, seed: 2, stratify: false },
  },
  model: { hidden: [16], activation: 'relu' },
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 32,
  epochs: 6,
  seed: 5,
};

/** A trial run for real by the engine, shaped like its Trial row once completed. */
export async function completedTrial(
  base: object,
  params: Record<string, unknown>,
  objective: 'val_acc' | 'val_loss',
) {
  const config = validateConfig(withParams(base, params));
  const result = await train(config, loadTrialDataset(config));
  const metrics = {
    ...result.metrics,
    epochs: result.epochs,
    bestEpoch: result.bestEpoch,
    status: result.status,
  };
  return { params, value: metrics[objective] ?? null, metrics, state: 'completed' as const };
}

/** A promotion as requestPromotion hands it to the evaluator, without a database. */
export function promotionOf(
  base: object,
  split: SplitDescriptor,
  trial: Awaited<ReturnType<typeof completedTrial>>,
  overrides: Partial<Omit<Promotion, 'sweep' | 'trial'>> & { objectiveMetric?: string } = {},
): Promotion {
  const { objectiveMetric = 'val_acc', ...rest } = overrides;
  const sweep = {
    id: 'sweep-1',
    spec: {
      workload: { engine: base },
      metric: {
        name: objectiveMetric,
        goal: objectiveMetric === 'val_acc' ? 'maximize' : 'minimize',
      },
    },
    split,
  } as unknown as Sweep;
  const row = { id: 'trial-1', number: 0, sweepId: sweep.id, ...trial } as unknown as Trial;
  return {
    sweep,
    trial: row,
    sequence: 1,
    trainOn: 'train+validation',
    epochs: 'early-stopping',
    requestedBy: 'test',
    ...rest,
  };
}
