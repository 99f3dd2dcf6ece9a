import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '@sweepwise/sweeps';
import { bestTrial, type TrialView } from '../src/in-memory/run-sweep.js';
import { formatValue, leaderboard, ProgressView } from '../src/progress.js';

const BODY: SweepSpec = {
  name: 'view',
  workload: { command: { program: 'x', args: [], env: {}, timeoutS: null } },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { lr: { type: 'float', low: 0, high: 1 } },
  algorithm: { type: 'random' },
  stopper: null,
  budget: { maxTrials: 4, maxConcurrentTrials: 2, maxWallTimeS: null, maxFailedTrials: null },
};

function trial(number: number, state: TrialView['state'], value: number | null): TrialView {
  return {
    number,
    params: { lr: number / 10 },
    state,
    value,
    step: 3,
    steps: 3,
    reason: state === 'pruned' ? 'stopped at step 3: worse than the median' : null,
    startedAt: 0,
    finishedAt: 1,
    metrics: null,
  };
}

describe('the terminal view', () => {
  it('ranks completed trials by the objective, then the rest, NaN last', () => {
    const trials = [
      trial(0, 'completed', 0.8),
      trial(1, 'pruned', 0.99),
      trial(2, 'completed', Number.NaN),
      trial(3, 'completed', 0.9),
      trial(4, 'running', 0.5),
    ];
    expect(leaderboard(trials, BODY, 10).map((t) => t.number)).toEqual([3, 0, 2, 1, 4]);
    const minimize = { ...BODY, metric: { name: 'val_acc', goal: 'minimize' as const } };
    expect(leaderboard(trials, minimize, 2).map((t) => t.number)).toEqual([0, 3]);
  });

  it('never ranks an infeasible trial first, nor calls it best', () => {
    const bounded = { ...BODY, constraints: [{ metric: 'latency_ms', max: 2 }] };
    const timed = (t: TrialView, latency: number) => ({ ...t, metrics: { latency_ms: latency } });
    const trials = [
      timed(trial(0, 'completed', 0.8), 1),
      timed(trial(1, 'completed', 0.95), 3),
      timed(trial(2, 'completed', 0.9), 2),
    ];
    expect(leaderboard(trials, bounded, 10).map((t) => t.number)).toEqual([2, 0, 1]);
    expect(bestTrial(trials, bounded)?.number).toBe(2);
    expect(bestTrial(trials, BODY)?.number).toBe(1);
    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    new ProgressView(bounded, out).finish({
      trials,
      best: bestTrial(trials, bounded),
      stepsUsed: 9,
      wallS: 1,
      ended: 'budget',
      error: null,
      stopDecisions: [],
    });
    expect(text).toContain('best val_acc 0.9 (trial 2)');
    expect(text).toMatch(/ 3 +1 +infeasible +0\.95 /);
  });

  it('prints numbers short but exact enough', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(0.00001234)).toBe('1.234e-5');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(null)).toBe('-');
  });

  it('writes one line per finished trial when the output is not a terminal', () => {
    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const view = new ProgressView(BODY, out);
    view.update({ type: 'trial-started', trial: trial(0, 'running', null) });
    view.update({ type: 'trial-finished', trial: trial(0, 'pruned', 0.4) });
    expect(text).toBe(
      'trial 0 pruned: val_acc=0.4 after 3 steps (stopped at step 3: worse than the median)  lr=0\n',
    );
  });
});
