import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '@sweepwise/sweeps';
// The built runner: its thread file is dist/engine/engine-thread.js.
import {
  closeEngineThreads,
  engineRunner,
  trialSweepOf,
  type TrialContext,
  type TrialIO,
} from '../dist/index.js';

const SPEC: SweepSpec = {
  name: 'iris',
  workload: {
    engine: {
      dataset: { name: 'iris' },
      model: { hidden: [8] },
      optimizer: { type: 'momentum', lr: 0.05, momentum: 0.9 },
      batchSize: 16,
      epochs: 4,
      seed: 7,
    },
  },
  metric: { name: 'val_loss', goal: 'minimize' },
  parameters: { 'optimizer.lr': { type: 'float', low: 1e-3, high: 0.5, log: true } },
  algorithm: { type: 'random', seed: 1 },
  stopper: null,
  budget: { maxTrials: 2, maxConcurrentTrials: 1, maxWallTimeS: null, maxFailedTrials: null },
};

function context(signal = new AbortController().signal): TrialContext {
  return {
    sweep: trialSweepOf('s1', SPEC),
    trial: { id: 't1', number: 1, params: { 'optimizer.lr': 0.1 }, attempt: 1 },
    resumeFrom: null,
    signal,
  };
}

/** Records each report and checkpoint; stops at `stopAt`. */
function recorder(stopAt: number | null, checkpoints: boolean) {
  const steps: number[] = [];
  const saved: number[] = [];
  const io: TrialIO = {
    report: (step) => {
      steps.push(step);
      return Promise.resolve(step === stopAt ? 'stop' : 'continue');
    },
    ...(checkpoints && {
      checkpoint: (step: number, data: Uint8Array) => {
        expect(data.byteLength).toBeGreaterThan(0);
        saved.push(step);
        return Promise.resolve();
      },
    }),
  };
  return { io, steps, saved };
}

describe('the engine runner', () => {
  it('reports and checkpoints every epoch, and ends with the best epoch as the platform stores it', async () => {
    const r = recorder(null, true);
    const outcome = await engineRunner.run(context(), r.io);
    expect(outcome.status).toBe('completed');
    expect(r.steps).toEqual([1, 2, 3, 4]);
    expect(r.saved).toEqual([1, 2, 3, 4]);
    expect(outcome.metrics.epochs).toBe(4);
    expect(outcome.metrics.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(outcome.metrics).not.toHaveProperty('best_epoch');
    expect(outcome.value).toBe(outcome.metrics.val_loss);
  });

  it('gives the same trial the same result on a reused thread, with no checkpoints asked', async () => {
    const first = await engineRunner.run(context(), recorder(null, false).io);
    const again = recorder(null, false);
    const second = await engineRunner.run(context(), again.io);
    expect(again.steps).toEqual([1, 2, 3, 4]);
    // Clock readings aside, the same numbers.
    const { wall_s: _a, latency_ms: _la, ...a } = first.metrics;
    const { wall_s: _b, latency_ms: _lb, ...b } = second.metrics;
    expect(b).toEqual(a);
    await closeEngineThreads();
  });

  it('stops when a report says stop', async () => {
    const r = recorder(2, false);
    const outcome = await engineRunner.run(context(), r.io);
    expect(outcome.status).toBe('stopped');
    expect(r.steps).toEqual([1, 2]);
    expect(outcome.metrics.epochs).toBe(2);
  });

  it('ends the thread of an aborted trial, and the next trial runs on a new one', async () => {
    const abort = new AbortController();
    const io: TrialIO = {
      report: () => {
        abort.abort();
        return new Promise(() => {});
      },
    };
    await expect(engineRunner.run(context(abort.signal), io)).rejects.toThrow('trial aborted');
    const outcome = await engineRunner.run(context(), recorder(null, false).io);
    expect(outcome.status).toBe('completed');
    await closeEngineThreads();
  });

  it('fails a trial whose config the engine refuses, naming the field', async () => {
    const ctx = context();
    const outcome = await engineRunner.run(
      { ...ctx, trial: { ...ctx.trial, params: { 'optimizer.lr': -1 } } },
      recorder(null, false).io,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toContain('optimizer.lr');
    await closeEngineThreads();
  });
});
