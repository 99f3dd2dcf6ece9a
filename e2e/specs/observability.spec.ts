import { once } from 'node:events';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { expect, test, ARTIFACTS } from '../fixtures/test.js';
import { API_TOKEN } from '../fixtures/env.js';
import { startWorker } from '../fixtures/worker.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };

test('/metrics is Prometheus text, counts what Postgres holds, and needs the token', async ({
  request,
  playwright,
  seedSweep,
  db,
}) => {
  await seedSweep({ trials: 30 });
  const res = await request.get('/metrics', { headers: auth });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = new Map(parsePrometheusTextFormat(await res.text()).map((f) => [f.name, f]));

  // Trials by state, as Postgres counts them now (nothing else runs while a spec does).
  const byState = await db.trial.groupBy({ by: ['state'], _count: { _all: true } });
  const scraped = Object.fromEntries(
    families.get('sweepwise_trials')!.metrics.map((m) => [m.labels!.state, Number(m.value)]),
  );
  expect(scraped).toEqual(Object.fromEntries(byState.map((t) => [t.state, t._count._all])));

  const queues = families.get('sweepwise_queue_jobs')!.metrics.map((m) => m.labels!.queue);
  expect(queues).toContain('trials');
  expect(queues).toContain('promotions');
  // The config's worker is alive (it runs no commands).
  const alive = families.get('sweepwise_workers_alive')!.metrics;
  expect(Number(alive.find((m) => m.labels!.commands === 'false')!.value)).toBeGreaterThan(0);
  for (const name of [
    'sweepwise_stop_decisions',
    'sweepwise_worker_heartbeat_age_seconds',
    'sweepwise_controller_inbox_messages',
    'sweepwise_controller_lag_seconds',
    'sweepwise_web_process_resident_memory_bytes',
  ])
    expect(families.has(name), name).toBe(true);

  // Without a credential: 401, not the login page.
  const anonymous = await playwright.request.newContext();
  expect((await anonymous.get(res.url())).status()).toBe(401);
  await anonymous.dispose();
});

test('the status page lists the live workers, their slots and what they accept', async ({
  page,
}) => {
  const workerId = `e2e-status-${Date.now()}`;
  const worker = await startWorker(['--allow-programs', 'python3'], {
    SWEEPWISE_WORKER_ID: workerId,
    SWEEPWISE_TRIAL_CONCURRENCY: '3',
  });
  try {
    await page.goto('/status');
    const row = page.getByTestId('worker-row').filter({ hasText: workerId });
    await expect(row.getByRole('cell')).toHaveText([workerId, '3', 'python3', /s ago$/, 'idle']);
    await page.screenshot({ path: `${ARTIFACTS}/status.png`, fullPage: true });
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  // A worker that closes leaves the registry at once.
  await page.reload();
  await expect(page.getByTestId('worker-row').filter({ hasText: workerId })).toHaveCount(0);
});
