import { describe, expect, it } from 'vitest';
import {
  defaultWorkerOptions,
  workerOptionsFromArgs,
  workerOptionsFromEnv,
} from '../src/options.js';

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

describe('command permission', () => {
  it('is off unless asked for, by flag or environment; a program list implies it', () => {
    expect(workerOptionsFromEnv({})).toMatchObject({ allowCommands: false, allowPrograms: null });
    const base = defaultWorkerOptions();
    expect(workerOptionsFromArgs(['--allow-commands'], base)).toMatchObject({
      allowCommands: true,
      allowPrograms: null,
    });
    expect(workerOptionsFromArgs(['--allow-programs', 'python3,node'], base)).toMatchObject({
      allowCommands: true,
      allowPrograms: ['python3', 'node'],
    });
    expect(workerOptionsFromArgs(['--allow-programs=python3'], base).allowPrograms).toEqual([
      'python3',
    ]);
    expect(workerOptionsFromEnv({ SWEEPWISE_ALLOW_COMMANDS: '1' }).allowCommands).toBe(true);
    expect(workerOptionsFromEnv({ SWEEPWISE_ALLOW_PROGRAMS: 'node' })).toMatchObject({
      allowCommands: true,
      allowPrograms: ['node'],
    });
  });

  it('refuses unknown arguments and empty lists, naming them', () => {
    const base = defaultWorkerOptions();
    expect(() => workerOptionsFromArgs(['--allow-command'], base)).toThrow(
      /unknown argument "--allow-command"; usage/,
    );
    expect(() => workerOptionsFromArgs(['--allow-programs'], base)).toThrow(/needs a list/);
    expect(() => workerOptionsFromArgs(['--allow-programs', 'a,,b'], base)).toThrow(
      /--allow-programs must be program names separated by commas/,
    );
    expect(() => workerOptionsFromEnv({ SWEEPWISE_ALLOW_COMMANDS: 'yes' })).toThrow(
      /SWEEPWISE_ALLOW_COMMANDS must be 0 or 1/,
    );
  });
});
