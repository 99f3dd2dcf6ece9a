import { describe, expect, it } from 'vitest';
import type { SweepRunResult } from '../src/in-memory/run-sweep.js';
import { sweepwise } from './cli.js';

describe('an external Python command tuned end to end', () => {
  it('finishes the budget, with the median rule pruning the laggards early', () => {
    const run = sweepwise(['run', 'examples/python-median.yaml', '--in-memory', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SweepRunResult;
    expect(result.trials).toHaveLength(12);

    const completed = result.trials.filter((t) => t.state === 'completed');
    const pruned = result.trials.filter((t) => t.state === 'pruned');
    expect(completed.length).toBeGreaterThanOrEqual(3);
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect(t.reason).toMatch(
        /val_loss [\d.e-]+ is worse than the median [\d.e-]+ of \d+ trials at step \d+/,
      );
      // The process was stopped: it never reached its last epoch.
      expect(t.steps).toBeLessThan(15);
    }
    for (const t of completed) expect(t.steps).toBe(15);
    const bestValue = Math.min(...completed.map((t) => t.value!));
    expect(result.best?.value).toBe(bestValue);
    expect(result.stepsUsed).toBe(result.trials.reduce((s, t) => s + t.steps, 0));
  });
});
