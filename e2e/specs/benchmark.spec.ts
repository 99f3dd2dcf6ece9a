import { randomUUID } from 'node:crypto';
import { upsertCurvePoints, type CurvePointInput, type Db } from '@sweepwise/db';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

/**
 * A finished benchmark sweep, seeded with hand-made curves (validation accuracy per epoch, one
 * second per epoch) so every figure on the page is known:
 *   digits (target val_acc >= 0.9): fast reaches at epoch 2 on both seeds (median 2 s); slow at 3
 *   on seed 0 and never on seed 1 (median infinite).
 *   wine (target val_acc >= 0.8): fast at epochs 1 and 2 (median 1.5 s); slow at 1 and 1 (1 s).
 * Seconds-to-target ratios: fast (1, 1.5), slow (inf, 1): scores (3 + 2.5) / 6 = 0.917 and 3 / 6 = 0.5.
 */
const CURVES: Record<string, Record<string, number[][]>> = {
  digits: {
    fast: [
      [0.5, 0.92, 0.95],
      [0.6, 0.91, 0.96],
    ],
    slow: [
      [0.5, 0.7, 0.91],
      [0.4, 0.6, 0.85],
    ],
  },
  wine: {
    fast: [
      [0.85, 0.9, 0.9],
      [0.7, 0.82, 0.9],
    ],
    slow: [
      [0.81, 0.84, 0.86],
      [0.83, 0.85, 0.88],
    ],
  },
};

async function seedBenchmark(db: Db, name: string): Promise<{ id: string; missed: number }> {
  const target = (min: number) => ({ metric: 'val_acc', min });
  const sweep = await db.sweep.create({
    data: {
      name,
      status: 'finished',
      startedAt: new Date(Date.now() - 60_000),
      finishedAt: new Date(),
      spec: {
        name,
        workload: {
          engine: { epochs: 3 },
          benchmark: {
            algorithms: {
              fast: { optimizer: { type: 'adam' } },
              slow: { optimizer: { type: 'sgd' } },
            },
            workloads: {
              digits: { engine: { dataset: { name: 'iris' } }, target: target(0.9) },
              wine: { engine: { dataset: { name: 'penguins' } }, target: target(0.8) },
            },
            seeds: 2,
          },
        },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: {},
        algorithm: { type: 'grid', seed: 1 },
        stopper: null,
        budget: { maxTrials: 8, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
    },
  });
  const points: CurvePointInput[] = [];
  let number = 0;
  let missed = -1;
  for (const [workload, byAlgorithm] of Object.entries(CURVES)) {
    for (const [algorithm, seeds] of Object.entries(byAlgorithm)) {
      for (const [seed, accs] of seeds.entries()) {
        const id = randomUUID();
        if (workload === 'digits' && algorithm === 'slow' && seed === 1) missed = number;
        const last = accs[accs.length - 1];
        await db.trial.create({
          data: {
            id,
            sweepId: sweep.id,
            number: number++,
            params: { algorithm, workload, seed },
            state: 'completed',
            attempts: 1,
            startedAt: new Date(),
            finishedAt: new Date(),
            value: last,
            metrics: { val_acc: last, val_loss: 1 - last, epochs: accs.length },
          },
        });
        accs.forEach((acc, i) => {
          const step = i + 1;
          points.push({ trialId: id, metric: 'val_acc', step, value: acc });
          points.push({ trialId: id, metric: 'val_loss', step, value: 1 - acc });
          points.push({ trialId: id, metric: 'wall_s', step, value: step });
        });
      }
    }
  }
  await upsertCurvePoints(db, points);
  return { id: sweep.id, missed };
}

test('a benchmark sweep shows mean ± sd bands with the target, time to target and the profile', async ({
  page,
  db,
  uniqueName,
}) => {
  const { id, missed } = await seedBenchmark(db, uniqueName);
  await page.goto(`/sweeps/${id}`);

  const benchmark = page.getByRole('region', { name: 'benchmark' });
  const bands = benchmark.getByTestId('band-chart');
  await expect(bands.locator('[data-testid=sd-band]')).toHaveCount(2);
  for (const algorithm of ['fast', 'slow']) {
    const band = bands.locator(`[data-testid=sd-band][data-algorithm=${algorithm}]`);
    // A band is an area: the mean + sd edge out and the mean - sd edge back (3 epochs each).
    expect(((await band.getAttribute('d')) ?? '').split(/[ML]/).filter(Boolean)).toHaveLength(6);
  }
  await expect(bands.getByTestId('mean-curve')).toHaveCount(2);
  await expect(bands.getByTestId('target-line')).toHaveCount(1);

  // Losses are drawn on a log axis by default.
  await benchmark.getByLabel('metric').selectOption('val_loss');
  await expect(benchmark.getByLabel('log y')).toBeChecked();
  await expect(bands.getByTestId('target-line')).toHaveCount(0);
  await expect(bands.locator('[data-testid=sd-band]')).toHaveCount(2);
  // Over wall time too: the same seeds on a grid of seconds.
  await benchmark.getByLabel('x').selectOption('wall');
  await expect(bands.locator('[data-testid=sd-band]')).toHaveCount(2);
  await expect(bands).toHaveAttribute('aria-label', 'val_loss mean ± sd by seconds');

  const table = benchmark.getByTestId('time-to-target');
  await expect(table.getByTestId('seed-mark')).toHaveCount(8);
  const slowDigits = table.getByRole('row').filter({ hasText: /^digits\s*slow/ });
  await expect(slowDigits).toContainText('1/2✓✗');

  const profile = benchmark.getByTestId('profile-chart');
  await expect(profile.getByTestId('profile-line')).toHaveCount(2);
  await expect(benchmark.getByTestId('profile-scores')).toContainText('fast 0.917');
  await expect(benchmark.getByTestId('profile-scores')).toContainText('slow 0.500');
  await page.screenshot({ path: `${ARTIFACTS}/benchmark.png`, fullPage: true });

  // Each ✓/✗ links to its trial.
  await slowDigits.getByTestId('seed-mark').nth(1).click();
  await expect(page.getByRole('heading', { name: `Trial #${missed}` })).toBeVisible();
});
