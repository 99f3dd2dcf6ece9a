import { randomUUID } from 'node:crypto';
import { upsertCurvePoints } from '@sweepwise/db';
import { SweepPage } from '../fixtures/sweep-page.js';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('the sweep page follows a running sweep without reloading', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 30, running: 2 });
  const sweepPage = new SweepPage(page);
  await sweepPage.open(id);
  await expect(sweepPage.trialCount).toHaveText('30 of 30 trials');
  const before = await sweepPage.bestValue.textContent();
  await page.evaluate(() => ((globalThis as unknown as { marker: boolean }).marker = true));

  // What a worker does: a new trial starts and reports, then finishes with the best value yet.
  const trialId = randomUUID();
  await db.trial.create({
    data: {
      id: trialId,
      sweepId: id,
      number: 30,
      params: {
        'optimizer.lr': 0.01,
        'model.hidden.0': 256,
        'model.dropout': 0.1,
        'optimizer.type': 'adam',
      },
      state: 'running',
      startedAt: new Date(),
      heartbeatAt: new Date(),
    },
  });
  await upsertCurvePoints(
    db,
    [0, 1, 2].map((step) => ({ trialId, metric: 'val_loss', step, value: 0.5 / (step + 1) })),
  );
  await expect(sweepPage.trialCount).toHaveText('31 of 31 trials');
  await db.trial.update({
    where: { id: trialId },
    data: { state: 'completed', value: 0.001, finishedAt: new Date() },
  });
  await expect(sweepPage.bestValue).toContainText('0.001');
  await expect(sweepPage.bestValue).toContainText('#30');
  expect(before).not.toContain('0.001');

  // Same document: the page merged updates rather than reloading.
  expect(await page.evaluate(() => (globalThis as unknown as { marker?: boolean }).marker)).toBe(
    true,
  );
  await page.screenshot({ path: `${ARTIFACTS}/live-progress.png`, fullPage: true });
});
