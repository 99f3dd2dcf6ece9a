import type { SweepImportance } from '@sweepwise/db';

/** Parameter importance as horizontal bars, largest first. */
export function ImportanceBars({ importance }: { importance: SweepImportance }) {
  if (importance.importances.length === 0) {
    return (
      <p className="py-4 text-center text-sm text-slate-500">
        Importance needs at least two completed trials.
      </p>
    );
  }
  return (
    <div data-testid="importance">
      <ul className="space-y-1">
        {importance.importances.map((p) => (
          <li key={p.param} className="flex items-center gap-2 text-xs">
            <span className="w-28 truncate text-right font-medium" title={p.param}>
              {p.param}
            </span>
            <span
              className="h-3 rounded bg-blue-600"
              style={{ width: `${Math.max(1, p.importance * 100) * 2}px` }}
            />
            <span className="tabular-nums text-slate-600">{(p.importance * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500">
        Share of the objective&apos;s variance each parameter explains alone (fANOVA-style main
        effects), from {importance.completedTrials} completed trials.
      </p>
    </div>
  );
}
