import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('export a sweep as YAML, import it into the form, and create it again', async ({
  page,
  db,
  seedSweep,
  uniqueName,
}) => {
  const { id } = await seedSweep({ trials: 4 });
  const exported = await page.request.get(`/api/v1/sweeps/${id}/export`);
  expect(exported.headers()['content-type']).toContain('application/yaml');
  const yaml = (await exported.text()).replace(/^name: .*$/m, `name: ${uniqueName}-copy`);

  await page.goto('/sweeps/new');
  await page.getByLabel('Sweep file (YAML)').fill('name: broken\nbudget: { maxTrials: 0 }\n');
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /line \d+, / })).toBeVisible();

  await page.getByLabel('Sweep file (YAML)').fill(yaml);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await expect(page.getByText('Imported into the form.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${uniqueName}-copy`);
  await expect(page.getByLabel('parameter 4 choices')).toHaveValue('adam, sgd, rmsprop');

  // The form's own export gives the same file back.
  await page.getByRole('button', { name: 'Export YAML' }).click();
  await expect(page.getByText('The sweep as YAML')).toBeVisible();
  const parameters = yaml.slice(yaml.indexOf('parameters:'), yaml.indexOf('budget:'));
  expect(await page.getByLabel('Sweep file (YAML)').inputValue()).toContain(parameters);
  await page.screenshot({ path: `${ARTIFACTS}/yaml.png`, fullPage: true });

  await page.getByRole('button', { name: 'Create sweep' }).click();
  await expect(page.getByRole('heading', { name: `${uniqueName}-copy` })).toBeVisible();
  const [original, copy] = await Promise.all([
    db.sweep.findUniqueOrThrow({ where: { id } }),
    db.sweep.findFirstOrThrow({ where: { name: `${uniqueName}-copy` } }),
  ]);
  expect(copy.spec).toEqual({ ...(original.spec as object), name: `${uniqueName}-copy` });
});

test('import a W&B sweep file into the form, as W&B users write it', async ({
  page,
  uniqueName,
}) => {
  const wandb = `name: ${uniqueName}-wandb
program: train.py
method: bayes
metric: { name: val_loss }
parameters:
  lr: { distribution: log_uniform_values, min: 0.0001, max: 0.1 }
  optimizer:
    parameters:
      momentum: { min: 0.0, max: 0.9 }
early_terminate: { type: hyperband, min_iter: 2, eta: 2 }
run_cap: 6
`;
  await page.goto('/sweeps/new');
  // A field with no equivalent is refused on its line.
  await page
    .getByLabel('Sweep file (YAML)')
    .fill(wandb.replace('{ name: val_loss }', '{ name: val_loss, target: 0.1 }'));
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'line 4, metric.target: ending the sweep' }),
  ).toBeVisible();

  await page.getByLabel('Sweep file (YAML)').fill(wandb);
  await page.getByRole('button', { name: 'Import YAML' }).click();
  await expect(page.getByText('Imported into the form.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${uniqueName}-wandb`);
  await expect(page.getByLabel('Algorithm', { exact: true })).toHaveValue('gp');
  await expect(page.getByLabel('Early stopping')).toHaveValue('asha');
  const asha = page.getByRole('group', { name: 'asha settings' });
  await expect(asha.getByLabel('reductionFactor')).toHaveValue('2');
  await expect(page.getByLabel('parameter 2 name')).toHaveValue('optimizer.momentum');
  await expect(page.getByLabel('Max trials')).toHaveValue('6');
});
