import type { TrialTable } from '@sweepwise/db';
import { describe, expect, it } from 'vitest';
import { bestIndex, mergeTrialTable } from '../lib/sweep-live';

function table(rows: { n: number; state: string; value: number | null; latency?: number }[]) {
  return {
    paramNames: [],
    numbers: rows.map((r) => r.n),
    states: rows.map((r) => r.state),
    values: rows.map((r) => r.value),
    durationsS: rows.map(() => 1),
    stoppedAt: rows.map(() => null),
    params: {},
    metrics: { latency_ms: rows.map((r) => r.latency ?? null) },
  } satisfies TrialTable;
}

const spec = { metric: { name: 'val_acc', goal: 'maximize' as const } };
const bounded = { ...spec, constraints: [{ metric: 'latency_ms', max: 2 }] };

describe('the live sweep table', () => {
  it('never calls an infeasible trial best', () => {
    const t = table([
      { n: 0, state: 'completed', value: 0.8, latency: 1 },
      { n: 1, state: 'completed', value: 0.95, latency: 3 },
      { n: 2, state: 'completed', value: 0.9, latency: 2 },
      { n: 3, state: 'running', value: 0.99 },
    ]);
    expect(bestIndex(t, spec)).toBe(1);
    expect(bestIndex(t, bounded)).toBe(2);
    expect(bestIndex(table([{ n: 0, state: 'completed', value: 0.9 }]), bounded)).toBe(-1);
  });

  it('merges the metric columns of changed and new trials by number', () => {
    const base = table([
      { n: 0, state: 'completed', value: 0.8, latency: 1 },
      { n: 1, state: 'running', value: null },
    ]);
    const merged = mergeTrialTable(
      base,
      table([
        { n: 1, state: 'completed', value: 0.9, latency: 3 },
        { n: 2, state: 'running', value: null },
      ]),
    );
    expect(merged.numbers).toEqual([0, 1, 2]);
    expect(merged.metrics).toEqual({ latency_ms: [1, 3, null] });
    expect(bestIndex(merged, bounded)).toBe(0);
  });
});
