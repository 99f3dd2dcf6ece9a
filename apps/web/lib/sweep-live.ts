import type { DrawnCurve, TrialTable } from '@sweepwise/db';

/** Replaces changed trials and appends new ones, keeping number order; the base is not mutated. */
export function mergeTrialTable(base: TrialTable, changes: TrialTable): TrialTable {
  if (changes.numbers.length === 0) return base;
  const paramNames = [...new Set([...base.paramNames, ...changes.paramNames])];
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

/** Index of the best completed trial in the table, or -1. */
export function bestIndex(table: TrialTable, direction: 'minimize' | 'maximize'): number {
  let best = -1;
  table.values.forEach((v, i) => {
    if (v == null || table.states[i] !== 'completed') return;
    const current = best < 0 ? null : (table.values[best] as number);
    if (current === null || (direction === 'minimize' ? v < current : v > current)) best = i;
  });
  return best;
}
