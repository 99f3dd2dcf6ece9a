import type { Db, Prisma, Trial } from '@sweepwise/db';
import { ARTIFACTS, expect, test } from '../fixtures/test.js';

/** What a member does at a perturbation step: it takes `source`'s weights and params. */
function recordExploit(db: Db, step: number, copier: Trial, source: Trial, reason?: string) {
  return db.pbtEvent.create({
    data: {
      sweepId: copier.sweepId,
      step,
      trialId: copier.id,
      sourceId: source.id,
      oldParams: copier.params as Prisma.InputJsonObject,
      newParams: source.params as Prisma.InputJsonObject,
      ...(reason ? { reason } : {}),
    },
  });
}

test('a pbt sweep shows who copied whom, marked on the curves, and the best member lineage', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 4, pointsPerTrial: 6 });
  await db.$executeRaw`UPDATE "Sweep" SET spec = jsonb_set(spec, '{algorithm}', '{"type": "pbt"}'),
    status = 'finished' WHERE id = ${id}`;
  const members = await db.trial.findMany({
    where: { sweepId: id, state: 'completed' },
    orderBy: { value: 'asc' },
  });
  // The best member (lowest value: the sweep minimizes) copied another member at step 3.
  const best = members[0];
  const source = members.find((m) => m.id !== best.id)!;
  const oldParams = best.params as Prisma.InputJsonObject;
  const [name] = Object.keys(oldParams).filter((k) => typeof oldParams[k] === 'number');
  const newParams = { ...(source.params as object), [name]: 0.123 };
  await db.pbtEvent.create({
    data: { sweepId: id, step: 3, trialId: best.id, sourceId: source.id, oldParams, newParams },
  });
  // Two other members: one diverged at step 2 and copied the other.
  const [diverged, healthy] = (
    await db.trial.findMany({ where: { sweepId: id }, orderBy: { number: 'asc' } })
  ).filter((t) => t.id !== best.id && t.id !== source.id);
  await recordExploit(db, 2, diverged, healthy, 'diverged');
  const events = await db.pbtEvent.count({ where: { sweepId: id } });

  await page.goto(`/sweeps/${id}`);
  // Each exploit is marked on the copying member's learning curve at its step.
  const markers = page.getByTestId('curves-chart').getByTestId('exploit-marker');
  await expect(markers).toHaveCount(events);
  const exploit = page.locator(
    `[data-testid=exploit-marker][aria-label^="member #${best.number} copied #${source.number} at step 3: ${name} "]`,
  );
  await expect(exploit).toHaveCount(1);
  await expect(exploit).toHaveAttribute('aria-label', /→ 0\.123/);
  await expect(
    page.locator(
      `[data-testid=exploit-marker][aria-label^="member #${diverged.number} (diverged) copied #${healthy.number} at step 2"]`,
    ),
  ).toHaveCount(1);
  await exploit.hover();
  await expect(page.getByRole('tooltip')).toContainText(
    `member #${best.number} copied #${source.number} at step 3`,
  );

  const panel = page.getByRole('region', { name: 'population' });
  await expect(
    panel.getByRole('heading', { name: `Exploit and explore (${events})` }),
  ).toBeVisible();
  const row = panel.getByRole('table', { name: 'pbt events' }).getByRole('row').nth(1);
  await expect(row).toContainText(`#${best.number}`);
  await expect(row).toContainText(`#${source.number}`);
  await expect(row).toContainText(`${name}`);
  const lineage = panel.getByTestId('pbt-best');
  await expect(lineage).toContainText(`copied #${source.number} at step 3`);
  await expect(lineage).toContainText('from epoch 1:');
  await expect(lineage).toContainText(`${name} 0.123`);
  await page.screenshot({ path: `${ARTIFACTS}/pbt-population.png`, fullPage: true });
});

test('a running pbt sweep marks a new exploit without reloading', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 4, pointsPerTrial: 6, running: 2 });
  await db.$executeRaw`UPDATE "Sweep" SET spec = jsonb_set(spec, '{algorithm}', '{"type": "pbt"}')
    WHERE id = ${id}`;
  await page.goto(`/sweeps/${id}`);
  const markers = page.getByTestId('curves-chart').getByTestId('exploit-marker');
  const panel = page.getByRole('region', { name: 'population' });
  await expect(panel.getByRole('heading', { name: 'Exploit and explore (0)' })).toBeVisible();
  await expect(markers).toHaveCount(0);

  const [copier, source] = await db.trial.findMany({
    where: { sweepId: id, state: 'completed' },
    orderBy: { number: 'asc' },
  });
  await recordExploit(db, 3, copier, source);
  await expect(markers).toHaveCount(1);
  await expect(markers.first()).toHaveAttribute(
    'aria-label',
    new RegExp(`^member #${copier.number} copied #${source.number} at step 3`),
  );
  await expect(panel.getByRole('heading', { name: 'Exploit and explore (1)' })).toBeVisible();
});
