import type { DrawnCurve, TrialTable } from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps/spec';
import { violatedConstraints } from '@sweepwise/sweeps/study-config';

/** Replaces changed trials and appends new ones, keeping number order; the base is not mutated. */
export function mergeTrialTable(base: TrialTable, changes: TrialTable): TrialTable {
  if (changes.numbers.length === 0) return base;
  const paramNames = [...new Set([...base.paramNames, ...changes.paramNames])];
  const metricNames = [...new Set([...Object.keys(base.metrics), ...Object.keys(changes.metrics)])];
  const index = new Map(base.numbers.map((n, i) => [n, i]));
  const rows = base.numbers.map((_, i) => i);
  type Source = { table: TrialTable; i: number };
  const sources: Source[] = rows.map((i) => ({ table: base, i }));
  changes.numbers.forEach((n, i) => {
    const at = index.get(n);
    if (at === undefined) sources.push({ table: changes, i });
    else sources[at] = { table: changes, i };
  });
  sources.sort((a, b) => a.table.numbers[a.i] - b.table.numbers[b.i]);
  const col = <K extends 'numbers' | 'states' | 'values' | 'durationsS' | 'stoppedAt'>(key: K) =>
    sources.map((s) => s.table[key][s.i]) as TrialTable[K];
  return {
    paramNames,
    numbers: col('numbers'),
    states: col('states'),
    values: col('values'),
    durationsS: col('durationsS'),
    stoppedAt: col('stoppedAt'),
    params: Object.fromEntries(
      paramNames.map((p) => [p, sources.map((s) => s.table.params[p]?.[s.i] ?? null)]),
    ),
    metrics: Object.fromEntries(
      metricNames.map((m) => [m, sources.map((s) => s.table.metrics[m]?.[s.i] ?? null)]),
    ),
  };
}

/** Adds new points to the drawn curves by trial and step; new trials' curves join the overlay. */
export function mergeCurves(base: DrawnCurve[], changes: DrawnCurve[]): DrawnCurve[] {
  if (changes.length === 0) return base;
  const byNumber = new Map(base.map((c) => [c.number, c]));
  for (const change of changes) {
    const old = byNumber.get(change.number);
    if (!old) {
      byNumber.set(change.number, change);
      continue;
    }
    const points = new Map(old.steps.map((s, i) => [s, old.values[i]]));
    change.steps.forEach((s, i) => points.set(s, change.values[i]));
    const steps = [...points.keys()].sort((a, b) => a - b);
    byNumber.set(change.number, {
      ...change,
      steps,
      values: steps.map((s) => points.get(s) as number),
    });
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** Row `i`'s final metrics the table carries: the sweep's objectives and bounded metrics. */
export function rowMetrics(table: TrialTable, i: number): Record<string, number | null> {
  return Object.fromEntries(Object.entries(table.metrics).map(([name, col]) => [name, col[i]]));
}

/** Index of the best completed trial in the table within the sweep's constraints, or -1. */
export function bestIndex(
  table: TrialTable,
  spec: Pick<SweepSpec, 'metric' | 'constraints'>,
): number {
  const direction = spec.metric.goal;
  let best = -1;
  table.values.forEach((v, i) => {
    if (v == null || table.states[i] !== 'completed') return;
    if (violatedConstraints(spec, rowMetrics(table, i)).length > 0) return;
    const current = best < 0 ? null : (table.values[best] as number);
    if (current === null || (direction === 'minimize' ? v < current : v > current)) best = i;
  });
  return best;
}
