import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const PASSWORD = 'pw-8c1d4e-never-printed';

/** Starts the worker with these service URLs and returns all it printed before exiting. */
function start(env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, SWEEPWISE_QUEUE_PREFIX: 'sw-secrets-test', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(1);
  return run.stdout + run.stderr;
}

describe('the worker prints no service password', () => {
  it.each([
    [
      'an unreachable Postgres',
      { DATABASE_URL: `postgresql://ana:${PASSWORD}@127.0.0.1:1/none` },
      /Postgres is unreachable at 127\.0\.0\.1:1\/none/,
    ],
    [
      'an unreachable Redis',
      { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:1` },
      /Redis is unreachable at 127\.0\.0\.1:1/,
    ],
    [
      'a malformed DATABASE_URL',
      { DATABASE_URL: `postgresql://ana:${PASSWORD}@[::1/none` },
      /DATABASE_URL is not a URL/,
    ],
    ['a malformed REDIS_URL', { REDIS_URL: `redis://:${PASSWORD}@[::1` }, /REDIS_URL is not a URL/],
    [
      'a REDIS_URL of another scheme',
      { REDIS_URL: `http://:${PASSWORD}@127.0.0.1:1` },
      /REDIS_URL must be a redis:\/\/ URL, got http:\/\//,
    ],
  ])('%s', (_what, env, says) => {
    const output = start(env);
    expect(output).toMatch(says);
    expect(output).not.toContain(PASSWORD);
  });
});
