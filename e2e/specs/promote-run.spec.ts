import { describeSplit, splitDataset } from '@sweepwise/data';
import { train, validateConfig } from '@sweepwise/engine';
import { loadTrialDataset } from '@sweepwise/runners';
import type { Prisma } from '@sweepwise/db';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

// An ended engine sweep with one real trial: what the promote button retrains and tests.
const BASE = {
  dataset: { name: 'iris', split: { train: 0.6, validation: 0.2, test: 0.2, seed: 5 } },
  model: { hidden: [8], activation: 'tanh' },
  optimizer: { type: 'adam', lr: 0.05 },
  batchSize: 16,
  epochs: 8,
  seed: 2,
};

test('promote the best trial from the page: the worker retrains it and tests it once', async ({
  page,
  db,
  uniqueName,
}) => {
  const config = validateConfig(BASE);
  const dataset = loadTrialDataset(config);
  const split = describeSplit(splitDataset(dataset, config.dataset.split));
  const result = await train(config, dataset);
  const sweep = await db.sweep.create({
    data: {
      name: uniqueName,
      spec: {
        name: uniqueName,
        workload: { engine: BASE },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials: 1, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: 'finished',
      split: { ...split, warnings: [] } as unknown as Prisma.InputJsonObject,
    },
  });
  await db.trial.create({
    data: {
      sweepId: sweep.id,
      number: 0,
      params: {},
      state: 'completed',
      value: result.metrics.val_acc,
      metrics: { ...result.metrics, epochs: result.epochs, bestEpoch: result.bestEpoch },
    },
  });

  await page.goto(`/sweeps/${sweep.id}/promote`);
  await expect(page.getByTestId('test-set-uses')).toHaveText(
    'Test set used 0 times in this sweep.',
  );
  await page.getByRole('button', { name: /promote/i }).click();
  await expect(page.getByText('Promoted.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('test-set-uses')).toHaveText('Test set used 1 time in this sweep.');

  const [evaluation] = await db.testEvaluation.findMany({ where: { sweepId: sweep.id } });
  expect(evaluation).toMatchObject({ sequence: 1, splitHash: split.testHash });
  const metrics = evaluation.metrics as { accuracy: number; n: number };
  expect(metrics.n).toBe(split.sizes.test);
  expect(metrics.accuracy).toBeGreaterThan(0.5);
  await page.screenshot({ path: `${ARTIFACTS}/promote-run.png`, fullPage: true });
});
