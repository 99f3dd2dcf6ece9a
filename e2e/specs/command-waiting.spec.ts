import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, test, ARTIFACTS } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

/** A real worker on the e2e prefix that accepts commands (no controllers, as the config's). */
async function startCommandWorker(): Promise<ChildProcess> {
  const worker = spawn('node', ['../apps/worker/dist/main.js', '--allow-commands'], {
    env: {
      ...process.env,
      SWEEPWISE_QUEUE_PREFIX: process.env.SWEEPWISE_E2E_QUEUE_PREFIX ?? 'sweepwise-e2e',
      SWEEPWISE_CONTROLLERS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // It has registered what it accepts once it says what it runs.
  let out = '';
  for await (const chunk of worker.stdout!) {
    out += String(chunk);
    if (out.includes('commands of any program')) break;
  }
  worker.stdout!.resume();
  return worker;
}

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

  const worker = await startCommandWorker();
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
