import { expect, test } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

const validBody = (name: string) => ({
  name,
  workload: { engine: { dataset: { name: 'iris' }, epochs: 3 } },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true } },
  algorithm: { type: 'random', seed: 1 },
  budget: { maxTrials: 2 },
});

type Case = {
  name: string;
  method: 'get' | 'post';
  path: string | ((sweepId: string) => string);
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  field: string;
  reason: RegExp;
};

/** Bad requests and what the API must answer: the status, the field at fault and why. */
const CASES: Case[] = [
  {
    name: 'read without a token',
    method: 'get',
    path: '/api/v1/sweeps',
    headers: {},
    status: 401,
    field: 'authorization',
    reason: /missing bearer token/,
  },
  {
    name: 'write without a token',
    method: 'post',
    path: '/api/v1/sweeps',
    body: validBody('x'),
    headers: {},
    status: 401,
    field: 'authorization',
    reason: /missing bearer token/,
  },
  {
    name: 'write with a wrong token',
    method: 'post',
    path: '/api/v1/sweeps',
    body: validBody('x'),
    headers: { authorization: 'Bearer nope' },
    status: 401,
    field: 'authorization',
    reason: /does not match/,
  },
  {
    name: 'read under a foreign Host name (DNS rebinding)',
    method: 'get',
    path: '/api/v1/sweeps',
    headers: { ...auth, host: 'evil.example' },
    status: 421,
    field: 'host',
    reason: /not an allowed host/,
  },
  {
    name: 'body as text/plain',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: JSON.stringify(validBody('x')),
    headers: { ...auth, 'content-type': 'text/plain' },
    status: 415,
    field: 'content-type',
    reason: /text\/plain is not application\/json/,
  },
  {
    name: 'body as octet-stream',
    method: 'post',
    path: '/api/v1/sweep-files/parse',
    raw: '{"yaml": "name: x"}',
    headers: auth,
    status: 415,
    field: 'content-type',
    reason: /application\/octet-stream is not application\/json/,
  },
  {
    name: 'body that is not JSON',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: '{"name": ',
    status: 422,
    field: 'body',
    reason: /is not JSON/,
  },
  {
    name: 'empty name',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody(''), name: '  ' },
    status: 422,
    field: 'name',
    reason: /too small|at least/i,
  },
  {
    name: 'bad range',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), parameters: { lr: { type: 'float', low: 1, high: 0.1 } } },
    status: 422,
    field: 'parameters.lr',
    reason: /low must be < high/,
  },
  {
    name: 'unknown algorithm',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), algorithm: { type: 'annealing' } },
    status: 422,
    field: 'algorithm.type',
    reason: /random/,
  },
  {
    name: 'zero budget',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), budget: { maxTrials: 0 } },
    status: 422,
    field: 'budget.maxTrials',
    reason: /1/,
  },
  {
    name: 'unknown direction',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), metric: { name: 'val_acc', goal: 'up' } },
    status: 422,
    field: 'metric.goal',
    reason: /minimize/,
  },
  {
    name: 'metric the data set does not report',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), metric: { name: 'val_accuracy', goal: 'maximize' } },
    status: 422,
    field: 'metric.name',
    reason:
      /unknown metric "val_accuracy" for iris; the engine reports val_loss, val_acc, train_loss, train_acc/,
  },
  {
    name: 'YAML metric the data set does not report, on its line',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: [
      'name: y',
      'workload: { engine: { dataset: { name: cars }, epochs: 2 } }',
      'metric: { name: val_acc, goal: maximize }',
      'parameters: { optimizer.lr: { type: float, low: 0.001, high: 0.1 } }',
      'algorithm: { type: random }',
      'budget: { maxTrials: 2 }',
    ].join('\n'),
    headers: { ...auth, 'content-type': 'application/yaml' },
    status: 422,
    field: 'metric.name',
    reason:
      /line 3, metric.name: unknown metric "val_acc" for cars; the engine reports val_loss, train_loss/,
  },
  {
    name: 'a key of an earlier version, by its new name',
    method: 'post',
    path: '/api/v1/sweeps',
    body: { ...validBody('x'), budget: { max_trials: 2 } },
    status: 422,
    field: 'budget.max_trials',
    reason: /max_trials is now budget.maxTrials/,
  },
  {
    name: 'YAML with a key of an earlier version, on its line',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: 'name: y\nworkload: { builtin: { objective: branin } }\nearly_stopping: { type: median }\n',
    headers: { ...auth, 'content-type': 'application/yaml' },
    status: 422,
    field: 'early_stopping',
    reason: /line 3, early_stopping: early_stopping is now stopper/,
  },
  {
    name: 'body over the size limit',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    status: 413,
    field: 'body',
    reason: /larger than/,
  },
  {
    name: 'YAML with a bad field, on its line',
    method: 'post',
    path: '/api/v1/sweeps',
    raw: 'name: y\nworkload: { engine: {} }\nmetric: { name: val_acc, goal: up }\n',
    headers: { ...auth, 'content-type': 'application/yaml' },
    status: 422,
    field: 'metric.goal',
    reason: /line 3, metric.goal: must be one of minimize, maximize/,
  },
  {
    name: 'unknown sweep',
    method: 'get',
    path: '/api/v1/sweeps/00000000-0000-0000-0000-000000000000',
    status: 404,
    field: '',
    reason: /not found/,
  },
  {
    name: 'page size 0',
    method: 'get',
    path: (id) => `/api/v1/sweeps/${id}/trials?limit=0`,
    status: 422,
    field: 'limit',
    reason: /1/,
  },
  {
    name: 'unknown trial state',
    method: 'get',
    path: (id) => `/api/v1/sweeps/${id}/trials?state=sleeping`,
    status: 422,
    field: 'state',
    reason: /completed/,
  },
  {
    name: 'updates without a cursor',
    method: 'get',
    path: (id) => `/api/v1/sweeps/${id}/updates`,
    status: 422,
    field: 'after',
    reason: /ISO date-time/,
  },
  {
    name: 'compare one trial',
    method: 'get',
    path: (id) => `/api/v1/compare?trials=${id}:0`,
    status: 422,
    field: 'trials',
    reason: /at least 2/,
  },
  {
    name: 'pause a finished sweep',
    method: 'post',
    path: (id) => `/api/v1/sweeps/${id}/pause`,
    status: 409,
    field: '',
    reason: /cannot pause a sweep that is finished/,
  },
  {
    name: 'promote with a bad option',
    method: 'post',
    path: (id) => `/api/v1/sweeps/${id}/promotions`,
    body: { trainOn: 'everything' },
    status: 422,
    field: 'trainOn',
    reason: /train/,
  },
];

test.describe('REST API refusals', () => {
  for (const c of CASES) {
    test(`${c.name} -> ${c.status} ${c.field}`, async ({ request, seedSweep }) => {
      const path =
        typeof c.path === 'function' ? c.path((await seedSweep({ trials: 3 })).id) : c.path;
      const headers = c.headers ?? {
        ...auth,
        ...(c.raw !== undefined && { 'content-type': 'application/json' }),
      };
      const res =
        c.method === 'get'
          ? await request.get(path, { headers })
          : await request.post(path, {
              headers,
              ...(c.raw !== undefined ? { data: Buffer.from(c.raw) } : { data: c.body }),
            });
      expect(res.status()).toBe(c.status);
      const { error } = await res.json();
      if (c.field) {
        const issue = error.issues.find((i: { field: string }) => i.field === c.field);
        expect(issue, JSON.stringify(error.issues)).toBeDefined();
        expect(issue.reason).toMatch(c.reason);
      } else expect(error.message).toMatch(c.reason);
      expect(JSON.stringify(error)).not.toMatch(/\bat .*\.(js|ts):\d+/);
    });
  }
});

test('writes with the token succeed: create, clone, pause, cancel, and the OpenAPI document', async ({
  request,
  db,
  uniqueName,
}) => {
  const created = await request.post('/api/v1/sweeps?status=draft', {
    headers: auth,
    data: validBody(uniqueName),
  });
  expect(created.status()).toBe(201);
  const sweep = await created.json();
  expect(sweep).toMatchObject({ name: uniqueName, status: 'draft' });
  // The list names its rows' fields as the SweepSpec does.
  const listed = await request.get('/api/v1/sweeps', { headers: auth });
  const row = ((await listed.json()).sweeps as { id: string }[]).find((s) => s.id === sweep.id);
  expect(row).toMatchObject({
    name: uniqueName,
    metric: validBody('').metric,
    algorithm: { type: 'random' },
    budget: { maxTrials: 2 },
    trialsDone: 0,
  });
  expect(row).not.toHaveProperty('objectiveMetric');

  const clone = await request.post(`/api/v1/sweeps/${sweep.id}/clone`, {
    headers: auth,
    data: { name: `${uniqueName}-clone` },
  });
  expect(clone.status()).toBe(201);
  // The row keeps the SweepSpec as parsed (defaults filled), and a clone copies it whole.
  expect(sweep.spec).toEqual({
    ...validBody(uniqueName),
    stopper: null,
    budget: { maxTrials: 2, maxConcurrentTrials: 2, maxWallTimeS: null },
  });
  expect(
    (await db.sweep.findFirstOrThrow({ where: { name: `${uniqueName}-clone` } })).spec,
  ).toEqual({ ...sweep.spec, name: `${uniqueName}-clone` });

  const start = await request.post(`/api/v1/sweeps/${sweep.id}/start`, { headers: auth });
  expect((await start.json()).status).toBe('running');
  const pause = await request.post(`/api/v1/sweeps/${sweep.id}/pause`, { headers: auth });
  expect((await pause.json()).status).toBe('paused');
  const cancel = await request.post(`/api/v1/sweeps/${sweep.id}/cancel`, { headers: auth });
  expect((await cancel.json()).status).toBe('cancelled');

  const yaml = await request.get(`/api/v1/sweeps/${sweep.id}/export`, { headers: auth });
  const reimported = await request.post('/api/v1/sweep-files/parse', {
    headers: auth,
    data: { yaml: await yaml.text() },
  });
  expect((await reimported.json()).body).toMatchObject({
    name: uniqueName,
    parameters: validBody('').parameters,
  });

  const doc = await (await request.get('/api/v1/openapi.json', { headers: auth })).json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/sweeps', '/sweeps/{id}/promotions', '/trials/{id}/promote']),
  );
  expect(doc.paths['/sweeps'].post.requestBody.content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/SweepSpec',
  });
  expect(doc.components.schemas.SweepSpec.properties.name).toBeDefined();
});
