import type { TrialTable } from '@sweepwise/db';
import { describe, expect, it } from 'vitest';
import { frontStaircase, paretoView } from '../lib/charts/pareto';

const spec = {
  metric: { name: 'val_acc', goal: 'maximize' as const },
  metrics: [
    { name: 'val_acc', goal: 'maximize' as const },
    { name: 'param_count', goal: 'minimize' as const },
  ],
  constraints: [{ metric: 'latency_ms', max: 1 }],
};

// [number, state, val_acc, param_count, latency_ms]
const rows: [number, string, number | null, number | null, number | null][] = [
  [0, 'completed', 0.8, 100, 0.5], // front
  [1, 'completed', 0.9, 1000, 0.8], // front
  [2, 'completed', 0.7, 500, 0.2], // dominated by 0
  [3, 'completed', 0.95, 50, 3], // best of all, but over the latency bound
  [4, 'running', null, null, null],
  [5, 'completed', 0.85, 400, 1], // front: the bound is inclusive
];
const table: TrialTable = {
  paramNames: [],
  numbers: rows.map((r) => r[0]),
  states: rows.map((r) => r[1]),
  values: rows.map((r) => r[2]),
  durationsS: rows.map(() => 1),
  stoppedAt: rows.map(() => null),
  params: {},
  metrics: {
    val_acc: rows.map((r) => r[2]),
    param_count: rows.map((r) => r[3]),
    latency_ms: rows.map((r) => r[4]),
  },
};

describe('the Pareto views of the sweep page', () => {
  it('places every completed trial, keeps the feasible undominated ones on the front', () => {
    const view = paretoView(table, spec);
    expect(view.points.map((p) => [p.trial.number, p.feasible])).toEqual([
      [0, true],
      [1, true],
      [2, true],
      [3, false],
      [5, true],
    ]);
    expect([...view.front].sort()).toEqual([0, 1, 5]);
    expect(view.hypervolume.history.map((h) => h.trial.number)).toEqual([0, 1, 2, 5]);
    const hv = view.hypervolume.history.map((h) => h.hypervolume);
    expect(hv[2]).toBe(hv[1]);
    expect(hv[3]).toBeGreaterThan(hv[2]);
  });

  it('draws the front of two objectives as a staircase through its worse corners', () => {
    const view = paretoView(table, spec);
    const [acc, size] = spec.metrics;
    // By param_count: (100, 0.8), (400, 0.85), (1000, 0.9); each corner is the larger size and
    // the lower accuracy of its two neighbours.
    expect(frontStaircase(spec, view.points, size, acc)).toEqual([
      [100, 0.8],
      [400, 0.8],
      [400, 0.85],
      [1000, 0.85],
      [1000, 0.9],
    ]);
  });
});
