import { OPTIMIZER_TYPES, SURFACES, trajectory } from '@sweepwise/engine/playground';
import { expect, test } from '../fixtures/test.js';

const pointsOf = (d: string | null) => (d ?? '').split(/[ML]/).filter(Boolean).length;

test("the playground draws every engine optimizer's path on Rosenbrock, as the engine steps it", async ({
  page,
}) => {
  await page.goto('/playground?f=rosenbrock&steps=300');
  const plot = page.getByTestId('surface-plot');
  await expect(plot).toBeVisible();
  const settings = {
    surface: 'rosenbrock' as const,
    condition: 10,
    start: SURFACES.rosenbrock.start,
    lr: SURFACES.rosenbrock.lr,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    steps: 300,
  };
  for (const type of OPTIMIZER_TYPES) {
    const path = plot.locator(`path[data-optimizer="${type}"]`);
    await expect(path).toHaveCount(1);
    // the browser's path has exactly the points the engine's own run has (up to a divergence)
    expect(pointsOf(await path.getAttribute('d')), type).toBe(trajectory(type, settings).length);
  }
});

test('changing the learning rate redraws the paths without a reload, and the URL follows', async ({
  page,
}) => {
  await page.goto('/playground?f=rosenbrock');
  const sgd = page.getByTestId('surface-plot').locator('path[data-optimizer="sgd"]');
  const before = await sgd.getAttribute('d');
  await page.evaluate(() => Object.assign(globalThis, { samePage: true }));
  await page.getByLabel('Learning rate').fill('0.0002');
  await expect(sgd).not.toHaveAttribute('d', before ?? '');
  expect(
    await page.evaluate(() => (globalThis as unknown as { samePage?: boolean }).samePage),
  ).toBe(true);
  await expect(page).toHaveURL(/lr=0\.0002/);

  await page.getByLabel('Learning rate').fill('-3');
  await expect(page.getByLabel('Learning rate')).toHaveAttribute('aria-invalid', 'true');
});

test('a shared URL restores the same view', async ({ page, context }) => {
  await page.goto('/playground');
  await page.getByLabel('Function').selectOption('beale');
  await page.getByLabel('Momentum μ').fill('0.5');
  await page.getByLabel('β2').fill('0.9');
  await page.getByRole('checkbox', { name: 'adagrad' }).uncheck();
  await expect(page).toHaveURL(/momentum=0\.5/);
  const shared = page.url();
  const paths = async (p: typeof page) =>
    p
      .getByTestId('surface-plot')
      .locator('path[data-optimizer]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-optimizer'), e.getAttribute('d')]),
      );
  const drawn = await paths(page);
  expect(drawn.map(([type]) => type)).not.toContain('adagrad');

  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.getByLabel('Function')).toHaveValue('beale');
  await expect(other.getByLabel('Momentum μ')).toHaveValue('0.5');
  await expect(other.getByLabel('β2')).toHaveValue('0.9');
  await expect(other.getByRole('checkbox', { name: 'adagrad' })).not.toBeChecked();
  expect(await paths(other)).toEqual(drawn);
});
