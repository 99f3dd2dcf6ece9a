import { once } from 'node:events';
import { API_TOKEN } from '../fixtures/env.js';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';
import { startWorker } from '../fixtures/worker.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

/**
 * examples/mnist-pareto.yaml made small and certain: a grid over three widths, so a real worker
 * trains a 6,000-parameter model, a 9,500 one and a 1,600,000 one (latency ~0.015, ~0.02 and
 * ~13 ms on a loaded 2-core machine, the example's bound 0.1 ms): the largest always breaks it.
 */
function paretoSweep(name: string) {
  return {
    name,
    workload: {
      engine: {
        dataset: { name: 'mnist', n: 300 },
        model: { hidden: [64] },
        epochs: 2,
        batchSize: 64,
      },
    },
    metrics: [
      { name: 'val_acc', goal: 'maximize' },
      { name: 'param_count', goal: 'minimize' },
    ],
    constraints: [{ metric: 'latency_ms', max: 0.1 }],
    parameters: {
      'model.depth': { type: 'constant', value: 1 },
      'model.hidden.0': { type: 'categorical', choices: [8, 12, 2048] },
      'optimizer.lr': { type: 'constant', value: 0.01 },
    },
    algorithm: { type: 'grid', seed: 1 },
    budget: { maxTrials: 3, maxConcurrentTrials: 2 },
  };
}

test('a multi-objective sweep: its front with the violators marked, and a front point promoted', async ({
  page,
  request,
  db,
  uniqueName,
}) => {
  test.setTimeout(300_000);
  const created = await request.post('/api/v1/sweeps?status=draft', {
    headers: auth,
    data: paretoSweep(uniqueName),
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // Export carries the objectives and the bound, and the file imports as the same sweep.
  const exported = await (
    await request.get(`/api/v1/sweeps/${id}/export`, { headers: auth })
  ).text();
  expect(exported).toMatch(/metrics:[\s\S]*param_count[\s\S]*constraints:[\s\S]*latency_ms/);
  const parsed = await request.post('/api/v1/sweep-files/parse', {
    headers: auth,
    data: { yaml: exported },
  });
  expect(parsed.status()).toBe(200);
  expect(await parsed.json()).toMatchObject({
    body: {
      metrics: paretoSweep(uniqueName).metrics,
      constraints: [{ metric: 'latency_ms', max: 0.1 }],
    },
  });

  // A worker with a controller for this sweep only, beside the config's trial-only worker.
  const worker = await startWorker([], { SWEEPWISE_CONTROLLERS: '1', SWEEPWISE_SWEEP_IDS: id });
  try {
    const started = await request.post(`/api/v1/sweeps/${id}/start`, { headers: auth, data: {} });
    expect(started.status()).toBe(200);
    await expect
      .poll(async () => (await db.sweep.findUniqueOrThrow({ where: { id } })).status, {
        timeout: 240_000,
        intervals: [2000],
      })
      .toBe('finished');
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  const trials = await db.trial.findMany({ where: { sweepId: id }, orderBy: { number: 'asc' } });
  expect(trials.map((t) => t.state)).toEqual(['completed', 'completed', 'completed']);
  const widest = trials.find(
    (t) => (t.params as Record<string, number>)['model.hidden.0'] === 2048,
  )!;

  await page.goto(`/sweeps/${id}`);
  await expect(page.getByTestId('pareto-scatter')).toBeVisible();
  await expect(page.getByTestId('pareto-violator-count')).toHaveText('1 outside the constraints');
  await expect(page.getByTestId('hypervolume-chart')).toBeVisible();
  const rows = page.getByTestId('front-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: `#${widest.number}` })).toHaveCount(0);
  // Sorted by param_count, the smallest model first.
  await page.getByRole('button', { name: /^param_count/ }).click();
  const smallest = trials.find(
    (t) => (t.params as Record<string, number>)['model.hidden.0'] === 8,
  )!;
  await expect(rows.first()).toContainText(`#${smallest.number}`);
  await page.screenshot({ path: `${ARTIFACTS}/pareto.png`, fullPage: true });

  // The infeasible trial is refused by name; a front point is promoted and tested once.
  const refused = await request.post(`/api/v1/sweeps/${id}/promotions`, {
    headers: auth,
    data: { trialId: widest.id },
  });
  expect(refused.status()).toBe(422);
  const error = (await refused.json()).error;
  expect(error.issues[0].field).toBe('trialId');
  expect(error.message).toContain('latency_ms');

  await rows
    .first()
    .getByRole('link', { name: /^Promote/ })
    .click();
  await expect(page.getByLabel('Trial', { exact: true })).toHaveValue(smallest.id);
  await page.getByRole('button', { name: /promote to the test set/i }).click();
  await expect(page.getByText('Promoted.')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('test-evaluation')).toHaveCount(1);
  const [evaluation] = await db.testEvaluation.findMany({ where: { sweepId: id } });
  expect(evaluation.trialId).toBe(smallest.id);
  await page.screenshot({ path: `${ARTIFACTS}/pareto-promoted.png`, fullPage: true });
});
