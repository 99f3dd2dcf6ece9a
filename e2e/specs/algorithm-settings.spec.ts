import { ARTIFACTS, expect, test } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

// The sampler's and stopper's settings are fields drawn from the registries' declarations: a
// GP + ASHA sweep is made by filling them (no JSON anywhere), an out-of-range value is refused in
// the browser under its field, and the stored sweep carries what was typed.

test('a GP + ASHA sweep from the generated settings fields', async ({ page, uniqueName }) => {
  await page.goto('/sweeps/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName);
  await page.getByLabel('Max trials').fill('4');
  await expect(page.getByText(/\(JSON\)/)).toHaveCount(0);

  await page.getByLabel('Algorithm', { exact: true }).selectOption('gp');
  const gp = page.getByRole('group', { name: 'gp settings' });
  // Defaults, ranges and the source of a published default, from the tuner's declaration.
  await expect(gp.getByLabel('startupTrials')).toHaveValue('6');
  await expect(gp.getByText('integer, 1 to 10,000').first()).toBeVisible();
  await expect(gp.getByLabel('startup', { exact: true })).toHaveValue('sobol');
  await gp.getByLabel('startupTrials').fill('4');
  await gp.getByLabel('candidates').fill('512');
  await gp.getByLabel('startup', { exact: true }).selectOption('random');

  await page.getByLabel('Early stopping').selectOption('asha');
  const asha = page.getByRole('group', { name: 'asha settings' });
  await expect(asha.getByLabel('reductionFactor')).toHaveValue('3');
  await expect(asha.getByText(/Li et al\. 2018/)).toBeVisible();
  await asha.getByLabel('reductionFactor').fill('2');
  await asha.getByLabel('maxResource').fill('16');
  await page.screenshot({ path: `${ARTIFACTS}/algorithm-settings.png`, fullPage: true });

  await page.getByRole('button', { name: 'Create sweep' }).click();
  await expect(page.getByRole('heading', { name: uniqueName })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').pop();

  // What the API stores and serves: only the settings changed from their defaults, as numbers.
  const res = await page.request.get(`/api/v1/sweeps/${id}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  expect(res.ok()).toBe(true);
  const { spec } = await res.json();
  expect(spec).toMatchObject({ name: uniqueName });
  expect(spec.algorithm).toEqual({
    type: 'gp',
    seed: 1,
    startup: 'random',
    startupTrials: 4,
    candidates: 512,
  });
  expect(spec.stopper).toEqual({ type: 'asha', reductionFactor: 2, maxResource: 16 });
});

test('an out-of-range setting is refused in the browser, under its field, with no request', async ({
  page,
  db,
  uniqueName,
}) => {
  const creates: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.startsWith('/api/v1/sweeps')) {
      creates.push(req.url());
    }
  });
  await page.goto('/sweeps/new');
  await page.getByLabel('Name', { exact: true }).fill(uniqueName);
  await page.getByLabel('Algorithm', { exact: true }).selectOption('gp');
  const gp = page.getByRole('group', { name: 'gp settings' });
  await gp.getByLabel('startupTrials').fill('0');
  await page.getByLabel('Early stopping').selectOption('asha');
  const asha = page.getByRole('group', { name: 'asha settings' });
  await asha.getByLabel('reductionFactor').fill('1');

  // The tuner's own messages (through the shared schema), each described by its field.
  await expect(gp.getByLabel('startupTrials')).toHaveAccessibleDescription(
    /startupTrials must be >= 1, got 0/,
  );
  await expect(gp.getByLabel('startupTrials')).toHaveAttribute('aria-invalid', 'true');
  await expect(asha.getByRole('alert')).toHaveText('reductionFactor must be >= 2, got 1');
  await page.getByRole('button', { name: 'Create sweep' }).click();
  await page.screenshot({ path: `${ARTIFACTS}/algorithm-settings-errors.png`, fullPage: true });

  await gp.getByLabel('startupTrials').fill('3');
  await expect(gp.getByRole('alert')).toHaveCount(0);
  await expect(asha.getByRole('alert')).toHaveCount(1);
  await page.getByRole('button', { name: 'Create sweep' }).click();
  await expect(asha.getByRole('alert')).toBeVisible();
  expect(creates).toEqual([]);
  expect(await db.sweep.count({ where: { name: uniqueName } })).toBe(0);
});
