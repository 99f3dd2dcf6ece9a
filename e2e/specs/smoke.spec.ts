import { expect, test } from '../fixtures/test.js';
import { createDb } from '@sweepwise/db';

const db = createDb();
const name = `e2e-smoke-${Date.now()}`;

test.afterAll(async () => {
  await db.sweep.deleteMany({ where: { name } });
  await db.$disconnect();
});

test('the dashboard answers and lists a seeded sweep', async ({ page }) => {
  await db.sweep.create({
    data: {
      name,
      spec: {
        name: name,
        workload: { engine: { dataset: { name: 'iris' } } },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials: 10, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
    },
  });
  // Every request a page makes is answered: a missing icon would log a 404 in the console.
  const missing: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 404) missing.push(res.url());
  });
  const health = await page.request.get('/api/health');
  expect(health.status()).toBe(200);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sweeps$/);
  await expect(page.getByRole('heading', { name: 'Sweeps' })).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  await page.screenshot({ path: 'artifacts/smoke.png', fullPage: true });
  expect(missing).toEqual([]);
  // The page names its icon, so browsers never fall back to asking for /favicon.ico.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  const served = await page.request.get(icon ?? '/favicon.ico');
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('image/svg');
});
