import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '@sweepwise/sweeps';
import type { TrialRunner } from '@sweepwise/runners';
import { runSweep } from '../src/in-memory/run-sweep.js';

const BODY: SweepSpec = {
  name: 'scripted',
  workload: { command: { program: 'unused', args: [], env: {}, timeoutS: null } },
  metric: { name: 'loss', goal: 'minimize' },
  parameters: { x: { type: 'float', low: 0, high: 1 } },
  algorithm: { type: 'random', seed: 3 },
  stopper: null,
  budget: { maxTrials: 8, maxConcurrentTrials: 3, maxWallTimeS: null, maxFailedTrials: null },
};

/**
 * A runner whose trials report loss = x + 1/step for `steps` steps (x near 1 fails), and that
 * records how many ran at once.
 */
function scripted(steps = 5) {
  let running = 0;
  const seen = { maxRunning: 0, started: 0 };
  const runner: TrialRunner = {
    async run({ trial, signal }, io) {
      seen.started += 1;
      running += 1;
      seen.maxRunning = Math.max(seen.maxRunning, running);
      try {
        const x = trial.params.x as number;
        if (x > 0.9) return { status: 'failed', value: null, metrics: {}, error: 'exploded' };
        let loss = 0;
        for (let step = 1; step <= steps; step++) {
          await new Promise((r) => setTimeout(r, 1));
          if (signal.aborted) throw new Error('trial aborted');
          loss = x + 1 / step;
          if ((await io.report(step, { loss })) === 'stop')
            return { status: 'stopped', value: loss, metrics: { loss } };
        }
        return { status: 'completed', value: loss, metrics: { loss } };
      } finally {
        running -= 1;
      }
    },
  };
  return { runner, seen };
}

describe('runSweep', () => {
  it('runs exactly the trial budget, never more at once than it is given', async () => {
    const { runner, seen } = scripted();
    const result = await runSweep(BODY, { runner, parallel: 3 });
    expect(result.trials).toHaveLength(8);
    expect(seen.started).toBe(8);
    expect(seen.maxRunning).toBe(3);
    expect(result.ended).toBe('budget');
    const completed = result.trials.filter((t) => t.state === 'completed');
    const best = Math.min(...completed.map((t) => t.value!));
    expect(result.best?.value).toBe(best);
    expect(result.best?.value).toBeCloseTo((result.best?.params.x as number) + 0.2, 12);
  });

  it('prunes by the stopping rule and counts only the steps that ran', async () => {
    const body: SweepSpec = {
      ...BODY,
      budget: { ...BODY.budget, maxTrials: 12, maxConcurrentTrials: 1 },
      stopper: { type: 'median', warmupSteps: 1, minTrials: 2 },
    };
    const events: string[] = [];
    const result = await runSweep(body, {
      runner: scripted().runner,
      parallel: 1,
      onEvent: (e) => events.push(e.type),
    });
    const pruned = result.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.reason).toContain('worse than the median');
    expect(result.stepsUsed).toBe(result.trials.reduce((s, t) => s + t.steps, 0));
    expect(result.stepsUsed).toBeLessThan(12 * 5);
    expect(events.filter((e) => e === 'trial-finished')).toHaveLength(12);
  });

  it('keeps going when a trial fails, and keeps its reason', async () => {
    const body: SweepSpec = {
      ...BODY,
      parameters: { x: { type: 'categorical', choices: [0.1, 0.95] } },
      algorithm: { type: 'grid' },
    };
    const result = await runSweep(body, { runner: scripted().runner, parallel: 1 });
    expect(result.ended).toBe('exhausted');
    expect(result.trials.map((t) => [t.params.x, t.state, t.reason])).toEqual(
      expect.arrayContaining([
        [0.1, 'completed', null],
        [0.95, 'failed', 'exploded'],
      ]),
    );
  });

  it('ends at the wall-time budget, cancelling the running trials', async () => {
    const body: SweepSpec = {
      ...BODY,
      budget: { ...BODY.budget, maxTrials: 1000, maxWallTimeS: 0.05 },
    };
    const result = await runSweep(body, { runner: scripted(1_000_000).runner, parallel: 2 });
    expect(result.ended).toBe('wall-time');
    expect(result.trials.length).toBe(2);
    expect(result.trials.every((t) => t.state === 'cancelled')).toBe(true);
  });
});
