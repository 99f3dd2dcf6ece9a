import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerBin } from '../src/commands/worker-bin.js';
import { ROOT } from './cli.js';

describe('the worker command agent starts', () => {
  it('is the sweepwise-worker bin installed above the CLI', () => {
    const bin = workerBin({});
    expect(bin.startsWith(ROOT)).toBe(true);
    expect(bin.endsWith('/node_modules/.bin/sweepwise-worker')).toBe(true);
    expect(existsSync(bin)).toBe(true);
  });

  it('is SWEEPWISE_WORKER_BIN when set', () => {
    expect(workerBin({ SWEEPWISE_WORKER_BIN: '/opt/sw/bin/sweepwise-worker' })).toBe(
      '/opt/sw/bin/sweepwise-worker',
    );
  });

  it('is looked up on PATH when none is installed above the CLI', () => {
    expect(workerBin({}, '/')).toBe('sweepwise-worker');
  });

  it('is declared by the worker package', () => {
    expect(
      realpathSync(join(ROOT, 'node_modules/@sweepwise/worker/bin/sweepwise-worker.mjs')),
    ).toBe(join(ROOT, 'apps/worker/bin/sweepwise-worker.mjs'));
  });
});
