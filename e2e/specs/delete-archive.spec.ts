import { API_TOKEN } from '../fixtures/env.js';
import { expect, test } from '../fixtures/test.js';

test('deletes a sweep from the list after a confirmation, with everything under it', async ({
  page,
  db,
  seedSweep,
}) => {
  const sweep = await seedSweep({ trials: 12, pointsPerTrial: 5 });
  await page.goto('/sweeps');
  const row = page.getByTestId('sweep-row').filter({ hasText: sweep.name });
  await expect(row).toBeVisible();

  // Dismissing the confirmation keeps the sweep.
  page.once('dialog', (d) => void d.dismiss());
  await row.getByRole('button', { name: `Delete ${sweep.name}` }).click();
  await expect(row).toBeVisible();
  expect(await db.sweep.count({ where: { id: sweep.id } })).toBe(1);

  page.once('dialog', (d) => {
    expect(d.message()).toContain('cannot be undone');
    void d.accept();
  });
  await row.getByRole('button', { name: `Delete ${sweep.name}` }).click();
  await expect(row).toHaveCount(0);
  expect(await db.sweep.count({ where: { id: sweep.id } })).toBe(0);
  expect(await db.trial.count({ where: { sweepId: sweep.id } })).toBe(0);
});

test('refuses to delete a running sweep, with the reason, and offers no Delete button', async ({
  page,
  request,
  db,
  seedSweep,
}) => {
  const sweep = await seedSweep({ trials: 6, running: 2 });
  const auth = { authorization: `Bearer ${API_TOKEN}` };
  const refused = await request.delete(`/api/v1/sweeps/${sweep.id}`, { headers: auth });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/is running: cancel it/);
  expect(await db.sweep.count({ where: { id: sweep.id } })).toBe(1);
  await page.goto('/sweeps');
  const row = page.getByTestId('sweep-row').filter({ hasText: sweep.name });
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: `Delete ${sweep.name}` })).toHaveCount(0);

  // Cancelled, it goes, though its trials were still marked running.
  await request.post(`/api/v1/sweeps/${sweep.id}/cancel`, { headers: auth });
  const deleted = await request.delete(`/api/v1/sweeps/${sweep.id}`, { headers: auth });
  expect(deleted.status()).toBe(200);
  expect(await deleted.json()).toEqual({ deleted: sweep.id });
  expect(await db.trial.count({ where: { sweepId: sweep.id } })).toBe(0);
});

test('archives a sweep out of the default list and back', async ({ page, seedSweep }) => {
  const sweep = await seedSweep({ trials: 6 });
  await page.goto('/sweeps');
  const row = page.getByTestId('sweep-row').filter({ hasText: sweep.name });
  await row.getByRole('button', { name: `Archive ${sweep.name}` }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('link', { name: 'Archived' }).click();
  await expect(page.getByRole('heading', { name: 'Archived sweeps' })).toBeVisible();
  const archived = page.getByTestId('sweep-row').filter({ hasText: sweep.name });
  await archived.getByRole('button', { name: `Unarchive ${sweep.name}` }).click();
  await expect(archived).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to sweeps' }).click();
  await expect(page.getByTestId('sweep-row').filter({ hasText: sweep.name })).toBeVisible();
});
