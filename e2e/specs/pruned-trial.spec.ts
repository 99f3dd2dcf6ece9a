import { SweepPage } from '../fixtures/sweep-page.js';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('a pruned trial shows why it was stopped, on the curves and on its page', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 24 });
  const pruned = await db.trial.findFirstOrThrow({
    where: { sweepId: id, state: 'pruned' },
    orderBy: { number: 'asc' },
  });
  const sweepPage = new SweepPage(page);
  await sweepPage.open(id);

  const marker = page.locator(
    `[data-testid=stop-marker][aria-label^="trial ${pruned.number} pruned"]`,
  );
  await marker.hover();
  await expect(page.getByRole('tooltip')).toContainText(pruned.stopReason!);

  await sweepPage.filterState('pruned');
  await expect(sweepPage.trialRows.first()).toContainText('pruned');
  await page.getByRole('link', { name: String(pruned.number), exact: true }).click();
  await expect(page.getByRole('heading', { name: `Trial #${pruned.number}` })).toBeVisible();
  await expect(page.getByTestId('stop-reason')).toHaveText(
    `Stopped early at step ${pruned.stoppedAt}: ${pruned.stopReason}`,
  );
  await expect(page.getByTestId('stop-log')).toContainText('median');
  await page.screenshot({ path: `${ARTIFACTS}/pruned-trial.png`, fullPage: true });
});
