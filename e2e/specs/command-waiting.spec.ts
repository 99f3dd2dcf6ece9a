import { once } from 'node:events';
import { expect, test, ARTIFACTS } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';
import { startWorker } from '../fixtures/worker.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

test('a running command sweep says no worker accepts commands, until one does', async ({
  page,
  request,
  uniqueName,
}) => {
  const created = await request.post('/api/v1/sweeps', {
    headers: auth,
    data: {
      name: uniqueName,
      workload: { command: { program: 'python3', args: ['train.py', '${lr}'] } },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } },
      algorithm: { type: 'random' },
      budget: { maxTrials: 2 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/sweeps/${id}`);
  const banner = page.getByTestId('sweep-waiting');
  await expect(banner).toHaveText(
    'waiting: no worker accepts commands; start one with --allow-commands',
  );
  await page.screenshot({ path: `${ARTIFACTS}/command-waiting.png` });

  const worker = await startWorker(['--allow-commands']);
  try {
    // The page's live updates carry the waiting reason: it goes once such a worker lives.
    await expect(banner).toBeHidden({ timeout: 30_000 });
    const got = await request.get(`/api/v1/sweeps/${id}`, { headers: auth });
    expect((await got.json()).waiting).toBeNull();
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
});
