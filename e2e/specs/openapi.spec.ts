import type { APIResponse } from '@playwright/test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect, test } from '../fixtures/test.js';
import { API_TOKEN, BASE_URL } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { responses: Record<string, Answer> };
};
type Answer = { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> };

/**
 * Checks real answers against the OpenAPI document the server publishes: each answer's status
 * must be one its operation documents, and its body must match that status's schema.
 */
class DocumentedAnswers {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  constructor(private readonly doc: Doc) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi.json');
  }

  async check(response: APIResponse, method: string, path: string): Promise<unknown> {
    const status = String(response.status());
    let answer = this.doc.paths[path]?.[method]?.responses[status];
    expect(answer, `${method} ${path} documents ${status}: ${await response.text()}`).toBeDefined();
    if (answer!.$ref) answer = this.doc.components.responses[answer!.$ref.split('/').pop()!];
    const ref = answer!.content!['application/json'].schema.$ref!;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi.json${ref}` });
      this.validators.set(ref, validate);
    }
    const body: unknown = await response.json();
    expect(validate(body), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(
      true,
    );
    return body;
  }
}

test('real answers match the response schemas of the OpenAPI document', async ({
  request,
  page,
  db,
  uniqueName,
}) => {
  const doc = (await (await request.get('/api/v1/openapi.json', { headers: auth })).json()) as Doc;
  const answers = new DocumentedAnswers(doc);
  const get = (path: string, url: string) =>
    request.get(`/api/v1${url}`, { headers: auth }).then((r) => answers.check(r, 'get', path));
  const post = (path: string, url: string, data?: unknown) =>
    request
      .post(`/api/v1${url}`, { headers: auth, data })
      .then((r) => answers.check(r, 'post', path));

  const spec = {
    name: uniqueName,
    workload: { engine: { dataset: { name: 'iris' }, epochs: 3 } },
    metric: { name: 'val_acc', goal: 'maximize' },
    parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 2 },
  };
  const created = (await post('/sweeps', '/sweeps?status=draft', spec)) as { id: string };
  const id = created.id;
  await post('/sweeps/{id}/start', `/sweeps/${id}/start`, {});
  // The e2e worker runs no controllers: queue two trials as the sweep's controller would.
  await db.trial.createMany({
    data: [0, 1].map((n) => ({
      sweepId: id,
      number: n,
      params: { 'optimizer.lr': 0.01 * (n + 1) },
      tunerTrialId: String(n),
    })),
  });

  // An external training loop: ask, report, should-stop, tell.
  const asked = (await post('/sweeps/{id}/ask', `/sweeps/${id}/ask`, { client: 'e2e' })) as {
    trialId: string;
  };
  const trial = asked.trialId;
  await post('/trials/{id}/report', `/trials/${trial}/report`, {
    step: 1,
    metrics: { val_acc: 0.8, val_loss: 0.4 },
  });
  await db.stopDecision.create({
    data: {
      trialId: trial,
      step: 1,
      rule: 'median',
      decision: 'stop',
      value: 0.8,
      threshold: 0.9,
      rank: 2,
      peers: 3,
      reason: 'below the median',
    },
  });
  expect(await get('/trials/{id}/should-stop', `/trials/${trial}/should-stop`)).toMatchObject({
    stop: true,
  });
  await post('/trials/{id}/tell', `/trials/${trial}/tell`, { value: 0.8 });
  const second = (await post('/sweeps/{id}/ask', `/sweeps/${id}/ask`, {})) as { trialId: string };
  await post('/trials/{id}/tell', `/trials/${second.trialId}/tell`, {
    state: 'failed',
    error: 'OOM',
  });

  // The reads.
  await get('/sweeps', '/sweeps?archived=all&limit=5');
  expect(await get('/sweeps/{id}', `/sweeps/${id}`)).toMatchObject({
    progress: { trialsDone: 2 },
  });
  expect(await get('/sweeps/{id}/trials', `/sweeps/${id}/trials?limit=1`)).toMatchObject({
    next: 0,
  });
  await get('/sweeps/{id}/table', `/sweeps/${id}/table`);
  await get('/sweeps/{id}/curves', `/sweeps/${id}/curves`);
  await get('/sweeps/{id}/updates', `/sweeps/${id}/updates?after=2020-01-01T00:00:00.000Z`);
  await get('/sweeps/{id}/importance', `/sweeps/${id}/importance`);
  expect(await get('/sweeps/{id}/decisions', `/sweeps/${id}/decisions`)).toMatchObject({
    decisions: [{ rule: 'median', trialNumber: 0 }],
  });
  await get('/sweeps/{id}/promotions', `/sweeps/${id}/promotions`);
  await get('/trials/{id}', `/trials/${trial}`);
  await get('/trials/{id}/curves', `/trials/${trial}/curves`);
  await get('/trials/{id}/decisions', `/trials/${trial}/decisions`);
  await get('/compare', `/compare?trials=${id}:0,${id}:1`);
  const yaml = await (await request.get(`/api/v1/sweeps/${id}/export`, { headers: auth })).text();
  await post('/sweep-files/parse', '/sweep-files/parse', { yaml });
  await post('/sweep-files/format', '/sweep-files/format', spec);

  // The refusals, in the documented error shape.
  const refused = async (response: Promise<APIResponse>, method: string, path: string) => {
    const r = await response;
    return { status: r.status(), body: await answers.check(r, method, path) };
  };
  expect(await refused(request.get(`/api/v1/sweeps/${id}`), 'get', '/sweeps/{id}')).toMatchObject({
    status: 401,
    body: { error: { code: 'unauthorized' } },
  });
  expect(
    await refused(request.get('/api/v1/trials/nope', { headers: auth }), 'get', '/trials/{id}'),
  ).toMatchObject({ status: 404 });
  expect(
    await refused(
      request.get('/api/v1/sweeps', { headers: { ...auth, host: 'evil.example' } }),
      'get',
      '/sweeps',
    ),
  ).toMatchObject({ status: 421, body: { error: { issues: [{ field: 'host' }] } } });
  expect(
    await refused(request.get('/api/v1/sweeps?limit=0', { headers: auth }), 'get', '/sweeps'),
  ).toMatchObject({ status: 422, body: { error: { issues: [{ field: 'limit' }] } } });
  expect(
    await refused(
      request.post(`/api/v1/sweeps/${id}/ask`, { headers: auth, data: {} }),
      'post',
      '/sweeps/{id}/ask',
    ),
  ).toMatchObject({ status: 409, body: { error: { code: 'no_trial' } } });
  expect(
    await refused(
      request.post(`/api/v1/trials/${trial}/report`, {
        headers: auth,
        data: { step: -1, metrics: {} },
      }),
      'post',
      '/trials/{id}/report',
    ),
  ).toMatchObject({
    status: 422,
    body: {
      error: { issues: expect.arrayContaining([expect.objectContaining({ field: 'step' })]) },
    },
  });
  expect(
    await refused(
      request.post(`/api/v1/trials/${trial}/tell`, {
        headers: { ...auth, 'content-type': 'text/plain' },
        data: '{"value":1}',
      }),
      'post',
      '/trials/{id}/tell',
    ),
  ).toMatchObject({ status: 415 });
  expect(
    await refused(
      request.post(`/api/v1/trials/${trial}/report`, {
        headers: auth,
        data: { step: 1, metrics: { val_acc: 1 }, pad: 'x'.repeat(1_100_000) },
      }),
      'post',
      '/trials/{id}/report',
    ),
  ).toMatchObject({ status: 413 });
  // The dashboard's session cookie, sent by another site's page.
  expect(
    await refused(
      page.request.post(`/api/v1/sweeps/${id}/cancel`, {
        headers: { origin: 'http://evil.example' },
        data: {},
      }),
      'post',
      '/sweeps/{id}/cancel',
    ),
  ).toMatchObject({ status: 403 });
  expect(await db.sweep.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'running' });
  expect(
    await refused(
      request.delete(`/api/v1/sweeps/${id}`, { headers: auth }),
      'delete',
      '/sweeps/{id}',
    ),
  ).toMatchObject({ status: 409 });

  await post('/sweeps/{id}/cancel', `/sweeps/${id}/cancel`);
  await post('/sweeps/{id}/archive', `/sweeps/${id}/archive`, {});
  await post('/sweeps/{id}/clone', `/sweeps/${id}/clone`, { name: `${uniqueName}-clone` });
  expect(
    await request
      .delete(`/api/v1/sweeps/${id}`, { headers: auth })
      .then((r) => answers.check(r, 'delete', '/sweeps/{id}')),
  ).toEqual({ deleted: id });
});

test('the API reference at /api/docs renders the document offline, for a signed-in user', async ({
  page,
  browser,
}) => {
  // Anything the CSP refuses (a CDN, eval) or that fails to load shows up here.
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on(
    'request',
    (r) => !r.url().startsWith(BASE_URL) && problems.push(`left the server: ${r.url()}`),
  );

  await page.goto('/api/docs');
  const ask = page.locator('[data-path="/sweeps/{id}/ask"]');
  await expect(ask).toBeVisible();
  await ask.click();
  await expect(page.getByText("The next trial for the caller's own training loop")).toBeVisible();
  await expect(page.getByText('AskedTrial').first()).toBeVisible();
  expect(problems).toEqual([]);

  const stranger = await browser.newContext({ baseURL: BASE_URL });
  const anonymous = await stranger.newPage();
  await anonymous.goto('/api/docs');
  await expect(anonymous).toHaveURL(/\/login\?next=%2Fapi%2Fdocs$/);
  await stranger.close();
});
