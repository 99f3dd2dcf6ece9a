import { createClient, SweepwiseApiError } from '@sweepwise/sdk';
import { expect, test } from '../fixtures/test.js';
import { API_TOKEN, BASE_URL } from '../fixtures/env.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

test('an external training loop: ask, report, should-stop, tell', async ({
  request,
  db,
  uniqueName,
}) => {
  // A running sweep whose controller has queued two trials (what a worker's controller does).
  const sweep = await db.sweep.create({
    data: {
      name: uniqueName,
      spec: {
        name: uniqueName,
        workload: { command: { program: 'python3', args: ['train.py'] } },
        metric: { name: 'val_loss', goal: 'minimize' },
        parameters: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials: 2, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: 'running',
      trials: {
        create: [
          { number: 0, params: { lr: 0.01 }, tunerTrialId: '0' },
          { number: 1, params: { lr: 0.05 }, tunerTrialId: '1' },
        ],
      },
    },
  });

  const asked = await request.post(`/api/v1/sweeps/${sweep.id}/ask`, {
    headers: auth,
    data: { client: 'e2e' },
  });
  expect(asked.status()).toBe(200);
  const first = await asked.json();
  expect(first).toMatchObject({ number: 0, params: { lr: 0.01 } });
  expect(await db.trial.findUniqueOrThrow({ where: { id: first.trialId } })).toMatchObject({
    state: 'running',
    workerId: 'sdk:e2e',
  });

  const report = await request.post(`/api/v1/trials/${first.trialId}/report`, {
    headers: auth,
    data: { step: 0, metrics: { val_loss: 0.9, train_loss: 1.1 } },
  });
  expect(await report.json()).toEqual({ stop: false, rule: null, reason: null });
  expect(await db.curvePoint.count({ where: { trialId: first.trialId } })).toBe(2);

  const leak = await request.post(`/api/v1/trials/${first.trialId}/report`, {
    headers: auth,
    data: { step: 1, metrics: { test_acc: 0.9 } },
  });
  expect(leak.status()).toBe(422);
  expect((await leak.json()).error.message).toMatch(/metrics.test_acc: test metrics are refused/);

  // The controller judged the report and stored its decision; the client hears it and stops.
  await db.stopDecision.create({
    data: {
      trialId: first.trialId,
      step: 0,
      rule: 'median',
      decision: 'stop',
      value: 0.9,
      threshold: 0.5,
      reason: 'median rule: 0.9 above the median 0.5',
    },
  });
  const advice = await (
    await request.get(`/api/v1/trials/${first.trialId}/should-stop`, { headers: auth })
  ).json();
  expect(advice).toEqual({
    stop: true,
    rule: 'median',
    reason: 'median rule: 0.9 above the median 0.5',
  });
  await request.post(`/api/v1/trials/${first.trialId}/tell`, {
    headers: auth,
    data: { state: 'pruned' },
  });
  expect(await db.trial.findUniqueOrThrow({ where: { id: first.trialId } })).toMatchObject({
    state: 'pruned',
    stoppedAt: 0,
    stopReason: 'median rule: 0.9 above the median 0.5',
  });

  const second = await (
    await request.post(`/api/v1/sweeps/${sweep.id}/ask`, { headers: auth, data: {} })
  ).json();
  const told = await request.post(`/api/v1/trials/${second.trialId}/tell`, {
    headers: auth,
    data: { value: 0.31 },
  });
  expect(await told.json()).toEqual({ trialId: second.trialId, state: 'completed' });
  expect((await db.trial.findUniqueOrThrow({ where: { id: second.trialId } })).value).toBe(0.31);

  const none = await request.post(`/api/v1/sweeps/${sweep.id}/ask`, { headers: auth, data: {} });
  expect(none.status()).toBe(409);
  expect((await none.json()).error.code).toBe('no_trial');
  const late = await request.post(`/api/v1/trials/${second.trialId}/report`, {
    headers: auth,
    data: { step: 3, metrics: { val_loss: 0.2 } },
  });
  expect(late.status()).toBe(409);
  expect((await late.json()).error.message).toMatch(/trial 1 is completed, not running/);
});

test('the SDK against the live server: sweeps, an ask/tell loop, reads and errors', async ({
  db,
  uniqueName,
}) => {
  const client = createClient({ baseUrl: BASE_URL, token: API_TOKEN });
  const sweep = await client.createSweep(
    {
      name: uniqueName,
      workload: { builtin: { objective: 'quadratic' } },
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { x: { type: 'float', low: -2, high: 2 } },
      algorithm: { type: 'random', seed: 1 },
      budget: { maxTrials: 2 },
    },
    { draft: true },
  );
  expect(sweep).toMatchObject({
    name: uniqueName,
    status: 'draft',
    spec: { budget: { maxTrials: 2 } },
  });
  expect((await client.setSweepStatus(sweep.id, 'start')).status).toBe('running');
  // The e2e worker runs no controllers: queue the trials as the sweep's controller would.
  await db.trial.createMany({
    data: [0, 1].map((n) => ({
      sweepId: sweep.id,
      number: n,
      params: { x: n },
      tunerTrialId: String(n),
    })),
  });

  const { trialId, params } = await client.ask(sweep.id, { client: 'sdk-e2e' });
  expect(params).toEqual({ x: 0 });
  expect(await client.report(trialId, 1, { loss: 0.5 })).toEqual({
    stop: false,
    rule: null,
    reason: null,
  });
  expect(await client.shouldStop(trialId)).toMatchObject({ stop: false });
  await client.tell(trialId, 0.5);
  const second = await client.ask(sweep.id);
  await client.tell(second.trialId, { state: 'failed', error: 'diverged' });

  expect((await client.listTrials(sweep.id)).map((t) => [t.number, t.state, t.value])).toEqual([
    [0, 'completed', 0.5],
    [1, 'failed', null],
  ]);
  expect(await client.getTrial(trialId)).toMatchObject({
    workerId: 'sdk:sdk-e2e',
    sweep: { id: sweep.id },
  });
  expect(await client.getSweep(sweep.id)).toMatchObject({
    progress: { trialsDone: 2, bestValue: 0.5 },
  });
  expect((await client.listSweeps()).find((s) => s.id === sweep.id)).toMatchObject({
    metric: { name: 'loss', goal: 'minimize' },
  });

  // The API's refusal, with its code and the field at fault.
  const refused = await client.ask(sweep.id).catch((err: unknown) => err);
  expect(refused).toBeInstanceOf(SweepwiseApiError);
  expect(refused).toMatchObject({ status: 409, code: 'no_trial' });
  const invalid = await client.report(trialId, -1, { loss: 1 }).catch((err: unknown) => err);
  expect(invalid).toMatchObject({ status: 422, issues: [{ field: 'step' }] });

  const yaml = await client.exportSweep(sweep.id);
  const copy = await client.createSweep(
    yaml.replace(`name: ${uniqueName}`, `name: ${uniqueName}-yaml`),
    {
      draft: true,
    },
  );
  expect(copy).toMatchObject({ name: `${uniqueName}-yaml`, status: 'draft' });
  await client.setSweepStatus(sweep.id, 'cancel');
  expect((await client.setSweepArchived(sweep.id, true)).archivedAt).not.toBeNull();
  await client.deleteSweep(sweep.id);
  await expect(client.getSweep(sweep.id)).rejects.toMatchObject({ status: 404 });
});
