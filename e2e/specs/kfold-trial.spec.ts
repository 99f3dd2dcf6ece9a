import { ARTIFACTS, expect, test } from '../fixtures/test.js';

test('a cross-validated trial shows its means ± std across folds and each fold', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 3 });
  const trial = await db.trial.findFirstOrThrow({
    where: { sweepId: id, state: 'completed' },
    orderBy: { number: 'asc' },
  });
  const folds = [0.9, 1, 0.95].map((val_acc, i) => ({
    val_acc,
    val_loss: 0.3 - i / 10,
    epochs: 8,
  }));
  await db.trial.update({
    where: { id: trial.id },
    data: {
      metrics: { val_acc: 0.95, val_acc_std: 0.0408, val_loss: 0.2, val_loss_std: 0.0816, folds },
      curvePoints: {
        create: [1, 2, 3].map((step) => ({ metric: 'val_acc_std', step, value: 0.1 / step })),
      },
    },
  });
  await page.goto(`/sweeps/${id}/trials/${trial.number}`);
  const metrics = page.getByTestId('final-metrics');
  await expect(metrics).toContainText('val_acc (mean)');
  await expect(metrics).toContainText('0.95 ± 0.0408');
  await expect(metrics).toContainText('0.2 ± 0.0816');
  await expect(metrics).not.toContainText('val_acc_std');
  const rows = page.getByTestId('trial-folds').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('1');
  await expect(page.getByText('Spread across folds (std)')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/kfold-trial.png`, fullPage: true });
});
