import { ARTIFACTS, expect, test } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

test('promote view: the audit trail, the test-set use count and its warning', async ({
  page,
  db,
  seedSweep,
}) => {
  const { id } = await seedSweep({ trials: 12 });
  await db.sweep.update({
    where: { id },
    data: { split: { dataset: 'mnist', seed: 1, testHash: 'abc123' } },
  });
  const [best, second] = await db.trial.findMany({
    where: { sweepId: id, state: 'completed' },
    orderBy: { value: 'asc' },
    take: 2,
  });

  await page.goto(`/sweeps/${id}/promote`);
  await expect(page.getByTestId('test-set-uses')).toHaveText(
    'Test set used 0 times in this sweep.',
  );
  await expect(page.getByLabel('Trial', { exact: true })).toHaveValue(best.id);
  await expect(page.getByText('The test set of this sweep has not been used.')).toBeVisible();

  // What the promotion runner stores, twice: the second use is counted and warned about.
  const metrics = {
    task: 'classification',
    n: 2000,
    loss: 0.21,
    accuracy: 0.94,
    perClass: [
      { precision: 0.95, recall: 0.93, f1: 0.94 },
      { precision: 0.93, recall: 0.95, f1: 0.94 },
    ],
    confusion: [
      [930, 70],
      [50, 950],
    ],
    classNames: ['even', 'odd'],
    validation: { metric: 'val_loss', value: best.value },
    warnings: [],
  };
  for (const [sequence, trial] of [best, second].entries()) {
    await db.testEvaluation.create({
      data: {
        sweepId: id,
        trialId: trial.id,
        sequence: sequence + 1,
        config: {},
        metrics,
        splitHash: 'abc123',
        trainedOn: 'train+validation',
        epochs: 12,
        requestedBy: 'e2e',
      },
    });
  }
  await page.reload();
  await expect(page.getByTestId('test-set-uses')).toHaveText(
    'Test set used 2 times in this sweep.',
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'overfitting the test set' }),
  ).toBeVisible();
  await expect(page.getByTestId('test-evaluation')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'confusion matrix' }).first()).toContainText('930');

  // The API says the same, and a promoted trial is answered with its stored evaluation.
  const listed = await page.request.get(`/api/v1/sweeps/${id}/promotions`);
  expect(await listed.json()).toMatchObject({
    uses: 2,
    warning: expect.stringContaining('Test set used 2 times'),
  });
  const again = await page.request.post(`/api/v1/trials/${best.id}/promote`, {
    headers: auth,
    data: {},
  });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({
    created: false,
    evaluation: { sequence: 1, trialId: best.id },
  });

  // A running sweep cannot be promoted: its test score could steer the search.
  await db.sweep.update({ where: { id }, data: { status: 'running' } });
  const refused = await page.request.post(`/api/v1/sweeps/${id}/promotions`, {
    headers: auth,
    data: {},
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.issues[0].field).toBe('sweepId');
  await page.screenshot({ path: `${ARTIFACTS}/promote.png`, fullPage: true });
});
