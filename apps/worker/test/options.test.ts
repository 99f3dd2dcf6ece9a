import { describe, expect, it } from 'vitest';
import { workerOptionsFromEnv } from '../src/options.js';

describe('worker options from the environment', () => {
  it('derives the stale limit from the heartbeat and reads the pinned sweeps', () => {
    const o = workerOptionsFromEnv({
      SWEEPWISE_TRIAL_CONCURRENCY: '3',
      SWEEPWISE_HEARTBEAT_INTERVAL_MS: '100',
      SWEEPWISE_SWEEP_IDS: 'a,b',
      SWEEPWISE_CONTROLLERS: '0',
      SWEEPWISE_CHECKPOINT_INTERVAL_MS: '60000',
      SWEEPWISE_KEEP_CHECKPOINTS: '5',
    });
    expect(o).toMatchObject({
      checkpointIntervalMs: 60_000,
      keepBestCheckpoints: 5,
      trialConcurrency: 3,
      heartbeatIntervalMs: 100,
      staleAfterMs: 500,
      onlySweepIds: ['a', 'b'],
      runControllers: false,
      maxAttempts: 3,
    });
  });

  it.each([
    [
      { SWEEPWISE_TRIAL_CONCURRENCY: 'many' },
      /SWEEPWISE_TRIAL_CONCURRENCY must be a positive integer, got "many"/,
    ],
    [{ SWEEPWISE_MAX_ATTEMPTS: '0' }, /SWEEPWISE_MAX_ATTEMPTS/],
    [{ SWEEPWISE_CONTROLLERS: 'yes' }, /SWEEPWISE_CONTROLLERS must be 0 or 1/],
    [
      { SWEEPWISE_HEARTBEAT_INTERVAL_MS: '1000', SWEEPWISE_STALE_AFTER_MS: '500' },
      /SWEEPWISE_STALE_AFTER_MS \(500\) must exceed SWEEPWISE_HEARTBEAT_INTERVAL_MS \(1000\)/,
    ],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => workerOptionsFromEnv(env)).toThrow(message);
  });
});
