import { expect, test } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };
const SECRET = 'wandb-key-5f1d2c9e';

const commandSweep = (name: string, env: Record<string, unknown>) => ({
  name,
  workload: { command: { program: 'python3', args: ['train.py', '${lr}'], env } },
  metric: { name: 'val_loss', goal: 'minimize' },
  parameters: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } },
  algorithm: { type: 'random' },
  budget: { maxTrials: 2 },
});

test('a loader variable in a command env is refused, naming it', async ({
  request,
  db,
  uniqueName,
}) => {
  const refused = await request.post('/api/v1/sweeps', {
    headers: auth,
    data: commandSweep(uniqueName, { LD_PRELOAD: '/tmp/evil.so' }),
  });
  expect(refused.status()).toBe(422);
  expect(JSON.stringify(await refused.json())).toContain('workload.command.env.LD_PRELOAD');
  expect(await db.sweep.count({ where: { name: uniqueName } })).toBe(0);
});

test('a secret env value is left out of every read and export, kept by a clone', async ({
  request,
  db,
  uniqueName,
}) => {
  const created = await request.post('/api/v1/sweeps?status=draft', {
    headers: auth,
    data: commandSweep(uniqueName, {
      WANDB_PROJECT: 'demo',
      WANDB_API_KEY: { value: SECRET, secret: true },
    }),
  });
  expect(created.status()).toBe(201);
  const createdText = await created.text();
  expect(createdText).not.toContain(SECRET);
  const { id } = JSON.parse(createdText) as { id: string };

  const got = await request.get(`/api/v1/sweeps/${id}`, { headers: auth });
  const body = await got.json();
  expect(JSON.stringify(body)).not.toContain(SECRET);
  expect(body.spec.workload.command.env).toEqual({
    WANDB_PROJECT: 'demo',
    WANDB_API_KEY: { secret: true },
  });
  // A draft waits for nobody.
  expect(body.waiting).toBeNull();

  const list = await request.get('/api/v1/sweeps', { headers: auth });
  expect(await list.text()).not.toContain(SECRET);
  const exported = await (
    await request.get(`/api/v1/sweeps/${id}/export`, { headers: auth })
  ).text();
  expect(exported).not.toContain(SECRET);
  expect(exported).toContain('WANDB_API_KEY: { secret: true }');

  const started = await request.post(`/api/v1/sweeps/${id}/start`, { headers: auth, data: {} });
  expect(started.status()).toBe(200);
  expect(await started.text()).not.toContain(SECRET);

  const cloned = await request.post(`/api/v1/sweeps/${id}/clone`, {
    headers: auth,
    data: { name: `${uniqueName} clone` },
  });
  expect(cloned.status()).toBe(201);
  const clonedText = await cloned.text();
  expect(clonedText).not.toContain(SECRET);
  // The clone runs as the original would: the value is stored for its workers.
  const stored = await db.sweep.findUniqueOrThrow({
    where: { id: (JSON.parse(clonedText) as { id: string }).id },
  });
  expect(stored.spec).toMatchObject({
    workload: { command: { env: { WANDB_API_KEY: { value: SECRET, secret: true } } } },
  });
});
