import { describe, expect, it } from 'vitest';
import {
  InMemoryTrialStore,
  maxFailedTrialsOf,
  SweepLoop,
  type QueuedTrial,
} from '../src/index.js';
import type { SweepSpec } from '../src/spec.js';

const SPEC: SweepSpec = {
  name: 'loop',
  workload: { builtin: { objective: 'quadratic', steps: 3, stepSeconds: 0 } },
  metric: { name: 'loss', goal: 'minimize' },
  parameters: { x: { type: 'float', low: 0, high: 1 } },
  algorithm: { type: 'random', seed: 5 },
  stopper: { type: 'median', minTrials: 1, warmupSteps: 0 },
  budget: { maxTrials: 5, maxConcurrentTrials: 2, maxWallTimeS: 10, maxFailedTrials: null },
} as SweepSpec;

function loopOf(spec: SweepSpec = SPEC, now = 0) {
  const store = new InMemoryTrialStore();
  const queued: QueuedTrial[] = [];
  const clock = { now: () => now };
  const queue = { enqueue: (t: readonly QueuedTrial[]) => (queued.push(...t), Promise.resolve()) };
  const ports = { store, queue, clock };
  return { loop: new SweepLoop(spec, ports), ports, store, queued };
}

describe('SweepLoop', () => {
  it('allocates within maxConcurrentTrials and maxTrials, numbering from 0, and ends when all are told', async () => {
    const { loop, store, queued } = loopOf();
    expect((await loop.allocate()).map((t) => t.number)).toEqual([0, 1]);
    expect(await loop.allocate()).toEqual([]);
    for (let told = 0; !loop.done; told++) {
      const open = loop.openTrials();
      expect(open.length).toBeLessThanOrEqual(2);
      loop.tell([{ tunerTrialId: open[0], state: 'completed', value: told }]);
      await loop.allocate();
    }
    expect(store.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    expect(queued.every((q) => q.attempts === 0)).toBe(true);
    expect(loop.study.trials.filter((t) => t.state === 'completed')).toHaveLength(5);
  });

  it('stores every stop and continues at step 1 and every 10th step, with stop reasons in epochs for the engine', async () => {
    const { loop, store } = loopOf();
    const [a, b] = await loop.allocate();
    const report = (t: typeof a, step: number, value: number) =>
      loop.decide([{ trialId: t.id, tunerTrialId: t.tunerTrialId, step, value }]);
    for (let step = 1; step <= 10; step++) await report(a, step, 0.1);
    loop.tell([{ tunerTrialId: a.tunerTrialId, state: 'completed', value: 0.1 }]);
    const [reply] = await report(b, 1, 5);
    expect(reply).toMatchObject({ stop: true, rule: 'median' });
    expect(store.stopDecisions.map((d) => [d.trialId, d.step, d.decision])).toEqual([
      [a.id, 1, 'continue'],
      [a.id, 10, 'continue'],
      [b.id, 1, 'stop'],
    ]);
    expect(store.stopDecisions[2].reason).toContain('at step 1');
    // A trial already told is not judged again.
    expect(await report(a, 11, 9)).toEqual([{ stop: false, rule: 'none', reason: 'not judged' }]);
    const engine = { ...SPEC, workload: { engine: { dataset: 'iris' } } } as SweepSpec;
    expect(loopOf(engine).loop.study.stepName).toBe('epoch');
  });

  it('fails out after budget.maxFailedTrials failures, with the last error, and allocates no more', async () => {
    const { loop } = loopOf({
      ...SPEC,
      budget: { ...SPEC.budget, maxTrials: 20, maxFailedTrials: 2 },
    });
    const fail = (tunerTrialId: string, error: string) =>
      loop.tell([{ tunerTrialId, state: 'failed', value: null, error }]);
    const [a, b] = await loop.allocate();
    fail(a!.tunerTrialId, 'exited with code 1: no such file');
    expect(loop.failedOut).toBeNull();
    loop.tell([{ tunerTrialId: b!.tunerTrialId, state: 'pruned', value: null }]);
    const [c] = await loop.allocate();
    fail(c!.tunerTrialId, 'exited with code 2: bad flag');
    expect(loop.failedOut).toBe(
      '2 trials failed (budget.maxFailedTrials 2); the last: exited with code 2: bad flag',
    );
    expect(await loop.allocate()).toEqual([]);
  });

  it('defaults maxFailedTrials to a quarter of maxTrials, at least 3, and counts stored failures after a restart', () => {
    expect(maxFailedTrialsOf({ maxTrials: 12 })).toBe(3);
    expect(maxFailedTrialsOf({ maxTrials: 100, maxFailedTrials: null })).toBe(25);
    expect(maxFailedTrialsOf({ maxTrials: 100, maxFailedTrials: 1 })).toBe(1);
    const { loop } = loopOf({ ...SPEC, budget: { ...SPEC.budget, maxTrials: 4 } });
    loop.catchUp(
      [0, 1, 2].map((n) => ({
        id: `t${n}`,
        tunerTrialId: null,
        params: { x: n / 10 },
        state: 'failed' as const,
        value: null,
        error: `boom ${n}`,
      })),
    );
    expect(loop.failedOut).toBe('3 trials failed (budget.maxFailedTrials 3); the last: boom 2');
  });

  it('knows when the wall time is over by its clock', () => {
    expect(loopOf(SPEC, 9_999).loop.wallTimeOver(0)).toBe(false);
    expect(loopOf(SPEC, 10_000).loop.wallTimeOver(0)).toBe(true);
    expect(loopOf(SPEC, 10_000).loop.wallTimeOver(null)).toBe(false);
  });

  it('catches a restarted study up with the stored trials', async () => {
    const first = loopOf();
    await first.loop.allocate();
    const saved = first.loop.study.toJSON();
    const restarted = new SweepLoop(SPEC, loopOf().ports, saved);
    const renamed = restarted.catchUp([
      { id: 'a', tunerTrialId: '0', params: { x: 0.2 }, state: 'completed', value: 0.3 },
      { id: 'b', tunerTrialId: '1', params: { x: 0.4 }, state: 'running', value: null },
      // Allocated after the state was saved.
      { id: 'c', tunerTrialId: null, params: { x: 0.6 }, state: 'queued', value: null },
    ]);
    expect(renamed).toEqual([{ id: 'c', tunerTrialId: '2' }]);
    expect(restarted.openTrials().sort()).toEqual(['1', '2']);
    expect(restarted.study.trials[0]).toMatchObject({ state: 'completed', value: 0.3 });
  });
});
