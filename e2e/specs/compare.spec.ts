import { SweepPage } from '../fixtures/sweep-page.js';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('compare two trials: curves overlaid and their parameters side by side', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id, name } = await seedSweep({ trials: 12 });
  const sweepPage = new SweepPage(page);
  await sweepPage.open(id);
  await sweepPage.selectTrial(0);
  await sweepPage.selectTrial(1);
  await page.getByRole('link', { name: 'Compare 2 selected' }).click();

  await expect(page.getByRole('heading', { name: 'Compare 2 trials' })).toBeVisible();
  const diff = page.getByTestId('param-diff');
  await expect(diff.getByRole('columnheader')).toHaveText([
    'Parameter',
    `■ ${name} #0`,
    `■ ${name} #1`,
  ]);
  const [a, b] = await Promise.all(
    [0, 1].map((number) => db.trial.findFirstOrThrow({ where: { sweepId: id, number } })),
  );
  const lr = diff.getByRole('row').filter({ hasText: /^optimizer\.lr/ });
  await expect(lr).toHaveAttribute('data-differs', 'true');
  type Params = Record<string, number>;
  expect((a.params as Params)['optimizer.lr']).not.toBe((b.params as Params)['optimizer.lr']);
  await expect(page.getByRole('img', { name: 'val_loss chart' })).toBeVisible();
  await expect(page.locator('.recharts-line')).toHaveCount(2);
  await page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
});
