import type { TrialTable } from '@sweepwise/db';

/** Row indices of the trials the objective charts plot: completed, with an objective value. */
export function completedRows(table: TrialTable): number[] {
  return table.numbers
    .map((_, i) => i)
    .filter((i) => table.values[i] != null && table.states[i] === 'completed');
}
