import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/test.js';
import { API_TOKEN, BASE_URL } from '../fixtures/env.js';
import { startWorker } from '../fixtures/worker.js';

const auth = { authorization: `Bearer ${API_TOKEN}` };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON_DIR = `${ROOT}python`;
const CLI = `${ROOT}packages/cli/dist/main.js`;

/** Runs a Python unittest directory of python/ against this server; its output on failure. */
async function pythonTests(dir: string, env: Record<string, string>) {
  const child = spawn('/usr/bin/python3', ['-m', 'unittest', 'discover', '-s', dir], {
    cwd: PYTHON_DIR,
    env: { ...process.env, PYTHONPATH: PYTHON_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += String(c)));
  child.stderr.on('data', (c) => (output += String(c)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

test('an external sweep is tuned by sweepwise.Client beside a worker that claims none of its trials', async ({
  request,
  db,
  uniqueName,
}) => {
  test.setTimeout(180_000);
  const create = async (data: Record<string, unknown>) => {
    const created = await request.post('/api/v1/sweeps', { headers: auth, data });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { id: string }).id;
  };
  const external = await create({
    name: `${uniqueName}-external`,
    workload: { external: {} },
    metric: { name: 'val_loss', goal: 'minimize' },
    parameters: { lr: { type: 'float', low: 0.0001, high: 1, log: true } },
    algorithm: { type: 'random', seed: 4 },
    stopper: { type: 'median', warmupSteps: 1, minTrials: 2 },
    budget: { maxTrials: 8, maxConcurrentTrials: 1 },
  });
  // Work for the worker on the same platform meanwhile: it claims these trials, not the others.
  const builtin = await create({
    name: `${uniqueName}-builtin`,
    workload: { builtin: { objective: 'quadratic', steps: 3 } },
    metric: { name: 'loss', goal: 'minimize' },
    parameters: { lr: { type: 'float', low: 0.001, high: 0.1, log: true } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 6, maxConcurrentTrials: 2 },
  });
  // Its controllers sample and judge both sweeps, and no other sweep of the e2e run.
  const worker = await startWorker([], {
    SWEEPWISE_CONTROLLERS: '1',
    SWEEPWISE_SWEEP_IDS: `${external},${builtin}`,
  });
  try {
    const run = await pythonTests('live_tests', {
      SWEEPWISE_API_URL: BASE_URL,
      SWEEPWISE_API_TOKEN: API_TOKEN,
      SWEEPWISE_TEST_SWEEP_ID: external,
    });
    expect(run.output).toMatch(/\nOK\n/);
    expect(run.code).toBe(0);

    await expect
      .poll(async () => (await db.sweep.findUniqueOrThrow({ where: { id: builtin } })).status, {
        timeout: 60_000,
      })
      .toBe('finished');
    const ran = await db.trial.findMany({ where: { sweepId: external } });
    expect(ran).toHaveLength(8);
    for (const t of ran) expect(t.workerId).toBe('sdk:python-live-test');
    expect(ran.filter((t) => t.state === 'pruned').length).toBeGreaterThan(0);
    const workers = await db.trial.findMany({ where: { sweepId: builtin } });
    expect(workers).toHaveLength(6);
    for (const t of workers) {
      expect(t.state).toBe('completed');
      expect(t.workerId).not.toMatch(/^sdk:/);
    }
    expect((await db.sweep.findUniqueOrThrow({ where: { id: external } })).status).toBe('finished');
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
});

test('sweepwise agent --url completes a command sweep with no database or Redis settings', async ({
  request,
  db,
  uniqueName,
}) => {
  test.setTimeout(180_000);
  const created = await request.post('/api/v1/sweeps', {
    headers: auth,
    data: {
      name: uniqueName,
      workload: {
        command: {
          program: 'python3',
          args: ['examples/python/train.py', '--lr', '${lr}', '--epochs', '8'],
        },
      },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: { lr: { type: 'float', low: 0.0001, high: 0.3, log: true } },
      algorithm: { type: 'random', seed: 2 },
      stopper: { type: 'median', warmupSteps: 2, minTrials: 2 },
      budget: { maxTrials: 5, maxConcurrentTrials: 1 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // The platform's controller samples and judges; this worker runs no commands, so the agent
  // is the only one to run the trials.
  const worker = await startWorker([], { SWEEPWISE_CONTROLLERS: '1', SWEEPWISE_SWEEP_IDS: id });
  try {
    const agent = spawn(process.execPath, [CLI, 'agent', id, '--url', BASE_URL], {
      cwd: ROOT,
      // Only what a machine with Python and the token has: no DATABASE_URL, REDIS_URL.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SWEEPWISE_API_TOKEN: API_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    agent.stderr.on('data', (c) => (stderr += String(c)));
    const [code] = (await once(agent, 'exit')) as [number | null];
    expect(stderr).toContain('hands out no more trials; ran 5');
    expect(code).toBe(0);
    const trials = await db.trial.findMany({ where: { sweepId: id } });
    expect(trials).toHaveLength(5);
    for (const t of trials) {
      expect(['completed', 'pruned']).toContain(t.state);
      expect(t.workerId).toMatch(/^sdk:agent-/);
    }
    expect(
      await db.curvePoint.count({ where: { trialId: { in: trials.map((t) => t.id) } } }),
    ).toBeGreaterThan(10);
    expect((await db.sweep.findUniqueOrThrow({ where: { id } })).status).toBe('finished');
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
});

test('sweepwise agent --url keeps a trial whose step outlasts the stale limit, by its heartbeat', async ({
  request,
  db,
  uniqueName,
}) => {
  test.setTimeout(120_000);
  const created = await request.post('/api/v1/sweeps', {
    headers: auth,
    data: {
      name: uniqueName,
      workload: {
        command: {
          program: 'python3',
          // One step of 4 s, past the controller's 2 s stale limit below.
          args: [
            '-c',
            'import json, time; time.sleep(4); print(json.dumps({"step": 1, "loss": ${x}}))',
          ],
        },
      },
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { x: { type: 'float', low: 0, high: 1 } },
      algorithm: { type: 'random', seed: 1 },
      budget: { maxTrials: 1 },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const beat = { SWEEPWISE_HEARTBEAT_INTERVAL_MS: '400' };
  const worker = await startWorker([], {
    ...beat,
    SWEEPWISE_STALE_AFTER_MS: '2000',
    SWEEPWISE_CONTROLLERS: '1',
    SWEEPWISE_SWEEP_IDS: id,
  });
  try {
    const agent = spawn(process.execPath, [CLI, 'agent', id, '--url', BASE_URL], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, SWEEPWISE_API_TOKEN: API_TOKEN, ...beat },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    agent.stderr.on('data', (c) => (stderr += String(c)));
    const [code] = (await once(agent, 'exit')) as [number | null];
    expect(stderr).toContain('ran 1');
    expect(code).toBe(0);
    const [trial] = await db.trial.findMany({ where: { sweepId: id } });
    // Never handed out again as stale: its first and only attempt completed.
    expect(trial).toMatchObject({ state: 'completed', attempts: 1 });
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
});
