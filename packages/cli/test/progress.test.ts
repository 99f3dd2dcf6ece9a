import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '@sweepwise/sweeps';
import type { TrialView } from '../src/in-memory/run-sweep.js';
import { formatValue, leaderboard, ProgressView } from '../src/progress.js';

const BODY: SweepSpec = {
  name: 'view',
  workload: { command: { program: 'x', args: [], env: {}, timeoutS: null } },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { lr: { type: 'float', low: 0, high: 1 } },
  algorithm: { type: 'random' },
  stopper: null,
  budget: { maxTrials: 4, maxConcurrentTrials: 2, maxWallTimeS: null },
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
    expect(leaderboard(trials, 'maximize', 10).map((t) => t.number)).toEqual([3, 0, 2, 1, 4]);
    expect(leaderboard(trials, 'minimize', 2).map((t) => t.number)).toEqual([0, 3]);
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
