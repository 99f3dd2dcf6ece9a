import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createClient,
  SweepwiseApiError,
  trialFromEnv,
  type SweepSpecInput,
} from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** A real HTTP server that records each request and answers what the test queued. */
let server: Server;
let baseUrl: string;
let seen: Seen[];
let answers: Array<{ status: number; body: unknown }>;

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text && req.headers['content-type'] === 'application/json' ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: await bodyOf(req),
    });
    const answer = answers.shift() ?? { status: 200, body: {} };
    const text = typeof answer.body === 'string';
    res.writeHead(answer.status, {
      'content-type': text ? 'application/yaml' : 'application/json',
    });
    res.end(text ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  answers = [];
});

describe('the SDK client', () => {
  it('asks for a trial of a sweep', async () => {
    answers.push({ status: 200, body: { trialId: 't1', number: 0, params: { lr: 0.01 } } });
    const client = createClient({ baseUrl, token: 'secret' });
    expect(await client.ask('sweep/1', { client: 'laptop' })).toEqual({
      trialId: 't1',
      number: 0,
      params: { lr: 0.01 },
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/sweeps/sweep%2F1/ask',
      authorization: 'Bearer secret',
      contentType: 'application/json',
      body: { client: 'laptop' },
    });
  });

  it('reports a step and returns the stopping advice', async () => {
    answers.push({
      status: 200,
      body: { stop: true, rule: 'median', reason: 'worse than median' },
    });
    const client = createClient({ baseUrl, env: {} });
    const advice = await client.report('t1', 3, { val_loss: 0.41 });
    expect(advice).toEqual({ stop: true, rule: 'median', reason: 'worse than median' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/trials/t1/report',
      authorization: undefined,
      body: { step: 3, metrics: { val_loss: 0.41 } },
    });
  });

  it('asks whether to stop without a body', async () => {
    answers.push({ status: 200, body: { stop: false } });
    const advice = await createClient({ baseUrl }).shouldStop('t1');
    expect(advice).toEqual({ stop: false, rule: null, reason: null });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/trials/t1/should-stop' });
    expect(seen[0].body).toBeUndefined();
  });

  it('tells a value or a final state', async () => {
    const client = createClient({ baseUrl });
    await client.tell('t1', 0.37);
    await client.tell('t2', { state: 'pruned' });
    await client.tell('t3', { state: 'failed', error: 'CUDA out of memory' });
    expect(seen.map((s) => [s.url, s.body])).toEqual([
      ['/api/v1/trials/t1/tell', { value: 0.37 }],
      ['/api/v1/trials/t2/tell', { state: 'pruned' }],
      ['/api/v1/trials/t3/tell', { state: 'failed', error: 'CUDA out of memory' }],
    ]);
  });

  it('reads sweeps and trials in the shapes the OpenAPI document gives', async () => {
    answers.push({ status: 200, body: { sweeps: [{ id: 's1' }] } });
    answers.push({ status: 200, body: { trials: [{ id: 't1' }], next: null } });
    answers.push({ status: 200, body: { id: 's1', name: 'n' } });
    answers.push({ status: 200, body: { trial: { id: 't1' }, curves: {}, decisions: [] } });
    const client = createClient({ baseUrl: `${baseUrl}/` });
    expect(await client.listSweeps()).toEqual([{ id: 's1' }]);
    expect(await client.listTrials('s1')).toEqual([{ id: 't1' }]);
    expect(await client.getSweep('s1')).toEqual({ id: 's1', name: 'n' });
    expect(await client.getTrial('t1')).toEqual({ id: 't1' });
    expect(seen.map((s) => s.url)).toEqual([
      '/api/v1/sweeps',
      '/api/v1/sweeps/s1/trials',
      '/api/v1/sweeps/s1',
      '/api/v1/trials/t1',
    ]);
  });

  it('pages through all the trials of a sweep', async () => {
    answers.push({ status: 200, body: { trials: [{ number: 0 }, { number: 1 }], next: 1 } });
    answers.push({ status: 200, body: { trials: [{ number: 2 }], next: null } });
    const trials = await createClient({ baseUrl }).listTrials('s1');
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2]);
    expect(seen.map((s) => s.url)).toEqual([
      '/api/v1/sweeps/s1/trials',
      '/api/v1/sweeps/s1/trials?after=1',
    ]);
  });

  it('creates sweeps from a body or a sweep file, changes their status and exports them', async () => {
    const client = createClient({ baseUrl });
    answers.push({ status: 201, body: { id: 's1' } }, { status: 201, body: { id: 's2' } });
    answers.push({ status: 200, body: { id: 's1', status: 'cancelled' } });
    expect(await client.createSweep({ name: 'a' } as SweepSpecInput)).toEqual({ id: 's1' });
    expect(await client.createSweep('name: b\n', { draft: true })).toEqual({ id: 's2' });
    await client.setSweepStatus('s1', 'cancel');
    answers.push({ status: 200, body: 'name: a\n' });
    expect(await client.exportSweep('s1')).toBe('name: a\n');
    answers.push({ status: 200, body: { id: 's1' } }, { status: 200, body: { id: 's1' } });
    await client.setSweepArchived('s1', true);
    await client.setSweepArchived('s1', false);
    answers.push({ status: 200, body: { deleted: 's1' } });
    await client.deleteSweep('s1');
    expect(seen.map((s) => [s.method, s.url, s.contentType, s.body])).toEqual([
      ['POST', '/api/v1/sweeps', 'application/json', { name: 'a' }],
      ['POST', '/api/v1/sweeps?status=draft', 'application/yaml', undefined],
      ['POST', '/api/v1/sweeps/s1/cancel', 'application/json', {}],
      ['GET', '/api/v1/sweeps/s1/export', undefined, undefined],
      ['POST', '/api/v1/sweeps/s1/archive', 'application/json', {}],
      ['POST', '/api/v1/sweeps/s1/unarchive', 'application/json', {}],
      ['DELETE', '/api/v1/sweeps/s1', undefined, undefined],
    ]);
  });

  it('turns an error answer into an error naming the status and the field', async () => {
    const issues = [{ field: 'metrics.val_loss', reason: 'must be a number' }];
    answers.push({
      status: 422,
      body: {
        error: { code: 'invalid_request', message: 'metrics.val_loss: must be a number', issues },
      },
    });
    const failure = await createClient({ baseUrl })
      .report('t1', 1, { val_loss: 1 })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SweepwiseApiError);
    expect(failure).toMatchObject({ status: 422, code: 'invalid_request', issues });
    expect((failure as Error).message).toBe(
      'POST /api/v1/trials/t1/report failed with 422: metrics.val_loss: must be a number',
    );
    answers.push({ status: 401, body: { error: 'a bearer token is required' } });
    await expect(createClient({ baseUrl }).tell('t1', 1)).rejects.toThrow(
      'POST /api/v1/trials/t1/tell failed with 401: a bearer token is required',
    );
  });

  it('takes SWEEPWISE_API_TOKEN when given no token', async () => {
    answers.push({ status: 200, body: { sweeps: [] } });
    await createClient({ baseUrl, env: { SWEEPWISE_API_TOKEN: 'from-env' } }).listSweeps();
    expect(seen[0].authorization).toBe('Bearer from-env');
  });

  it('builds the client of a started command from its environment', async () => {
    const { client, trialId } = trialFromEnv({
      SWEEPWISE_API_URL: baseUrl,
      SWEEPWISE_TRIAL_ID: 't9',
      SWEEPWISE_API_TOKEN: 'tok',
    });
    expect(trialId).toBe('t9');
    await client.shouldStop(trialId);
    expect(seen[0]).toMatchObject({
      url: '/api/v1/trials/t9/should-stop',
      authorization: 'Bearer tok',
    });
    expect(() => trialFromEnv({ SWEEPWISE_TRIAL_ID: 't9' })).toThrow(
      'SWEEPWISE_API_URL is not set',
    );
  });
});
