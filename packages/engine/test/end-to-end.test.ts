// Real data sets through the whole path: load, split, standardize, fit, then the sealed test set
// opened once and evaluated at the best validation epoch, as a promotion does.
import { materialize, testSetAccesses, unsealTestSet } from '@sweepwise/data';
import { describe, expect, it } from 'vitest';
import {
  evaluateModel,
  fitArrays,
  retrainOnDevelopment,
  trialData,
  validateConfig,
} from '../src/index.js';
import { datasetOf } from './helpers.js';

async function testAccuracy(json: object): Promise<{ accuracy: number; bestEpoch: number }> {
  const { dataset: _d, ...config } = validateConfig(json);
  const data = trialData(validateConfig(json), datasetOf(json));
  const { result, model } = await fitArrays({
    config,
    classes: data.dataset.classes,
    train: data.train,
    validation: data.validation,
  });
  const test = unsealTestSet(data.split, { sweepId: 'engine-test', trialId: 't1', sequence: 1 });
  const evaluation = evaluateModel(
    model,
    materialize(data.dataset, test, data.standardizer ?? undefined),
  );
  if (evaluation.task !== 'classification') throw new Error('expected classification');
  return { accuracy: evaluation.accuracy, bestEpoch: result.bestEpoch };
}

describe('end to end', () => {
  it('Iris: at least 93% test accuracy', async () => {
    const { accuracy } = await testAccuracy({
      // 29 or 30 of the 30 test flowers for model seeds 1 to 5
      dataset: { name: 'iris' },
      model: { hidden: [16], activation: 'tanh', init: 'xavier_normal' },
      optimizer: { type: 'adam', lr: 0.01 },
      batchSize: 16,
      epochs: 200,
      earlyStopping: { patience: 30 },
    });
    expect(accuracy).toBeGreaterThanOrEqual(0.93);
  });

  // The engine's advertised accuracy: 784-256-128-10, Adam 1e-3, batch 128, 60/20/20 split, grey
  // levels in [0, 1] as they come (the default for MNIST; as in the PyTorch reference run).
  it('MNIST digits: at least 93% test accuracy at the best validation epoch within 20', async () => {
    const { accuracy, bestEpoch } = await testAccuracy({
      dataset: {
        name: 'mnist',
        split: { train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
      },
      model: { hidden: [256, 128] },
      optimizer: { type: 'adam', lr: 0.001 },
      batchSize: 128,
      epochs: 20,
      seed: 1,
    });
    expect(bestEpoch).toBeLessThanOrEqual(20);
    expect(accuracy).toBeGreaterThanOrEqual(0.93);
  });
});

describe('retrainOnDevelopment', () => {
  it('retrains on train + validation for the given epochs; the test set stays sealed for the caller', async () => {
    const { result, model, dataset, split, standardizer } = await retrainOnDevelopment(
      {
        dataset: { name: 'iris' },
        model: { hidden: [16] },
        optimizer: { lr: 0.01 },
        batchSize: 16,
      },
      datasetOf({ dataset: { name: 'iris' } }),
      { epochs: 40 },
    );
    expect(result).toMatchObject({ status: 'completed', epochs: 40 });
    expect(result.curves.every((m) => Number.isNaN(m.val_loss))).toBe(true);
    expect(testSetAccesses(split)).toEqual([]);
    const promotion = { sweepId: 'sweep-1', trialId: 'trial-7', sequence: 1 };
    const rows = unsealTestSet(split, promotion);
    const test = evaluateModel(model, materialize(dataset, rows, standardizer ?? undefined));
    expect(test).toMatchObject({ task: 'classification', n: 30 });
    if (test.task === 'classification') expect(test.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects a bad config before training', async () => {
    await expect(
      retrainOnDevelopment(
        { dataset: { name: 'iris' }, optimizer: { lr: 0 } },
        datasetOf({ dataset: { name: 'iris' } }),
        { epochs: 1 },
      ),
    ).rejects.toMatchObject({ name: 'ConfigError', field: 'optimizer.lr' });
  });
});
