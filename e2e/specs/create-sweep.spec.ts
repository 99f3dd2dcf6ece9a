import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('create a sweep through the form, after its validation errors', async ({
  page,
  db,
  uniqueName,
}) => {
  await page.goto('/sweeps/new');
  const form = page.getByRole('form', { name: 'create sweep' });

  // Empty name: reported on submit, nothing is created.
  await page.getByRole('button', { name: 'Create sweep' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'is required' })).toBeVisible();

  // Unknown metric for the engine on iris, as the user types.
  await page.getByLabel('Name', { exact: true }).fill(uniqueName);
  await page.getByLabel('Objective metric').fill('val_accuracy');
  await expect(page.getByText(/unknown metric "val_accuracy" for iris/)).toBeVisible();
  await page.getByLabel('Objective metric').fill('val_acc');
  await page.getByLabel('Direction').selectOption('maximize');
  await expect(page.getByText(/unknown metric/)).toHaveCount(0);

  // Bad range: the tuner's own message, on the parameter's row.
  await page.getByLabel('parameter 1 low').fill('0.5');
  await page.getByLabel('parameter 1 high').fill('0.1');
  await expect(page.getByText('low must be < high, got low=0.5 high=0.1')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/create-sweep-errors.png`, fullPage: true });
  await page.getByRole('button', { name: 'Create sweep' }).click();
  expect(await db.sweep.count({ where: { name: uniqueName } })).toBe(0);

  await page.getByLabel('parameter 1 low').fill('0.001');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  await page.getByLabel('parameter 2 name').fill('optimizer.type');
  await page.getByLabel('parameter 2 type').selectOption('categorical');
  await page.getByLabel('parameter 2 choices').fill('sgd, adam');
  await page.getByLabel('Early stopping').selectOption('median');
  await page.getByLabel('Max trials').fill('4');
  await page.getByRole('button', { name: 'Create sweep' }).click();

  await expect(page.getByRole('heading', { name: uniqueName })).toBeVisible();
  const sweep = await db.sweep.findFirstOrThrow({ where: { name: uniqueName } });
  const spec = sweep.spec as Record<string, unknown>;
  expect(spec).toMatchObject({
    name: uniqueName,
    metric: { name: 'val_acc', goal: 'maximize' },
    algorithm: { type: 'random' },
    stopper: { type: 'median' },
  });
  expect(spec.budget).toEqual({ maxTrials: 4, maxConcurrentTrials: 2, maxWallTimeS: null });
  expect(spec.parameters).toEqual({
    'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true },
    'optimizer.type': { type: 'categorical', choices: ['sgd', 'adam'] },
  });
  await page.screenshot({ path: `${ARTIFACTS}/create-sweep.png`, fullPage: true });
});
