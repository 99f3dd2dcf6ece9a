/** Trials done out of the budget. */
export function ProgressBar({
  done,
  total,
  running = 0,
}: {
  done: number;
  total: number;
  running?: number;
}) {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  const runningPct = total > 0 ? Math.min(100 - pct, (100 * running) / total) : 0;
  return (
    <div className="flex items-center gap-2">
      <div
        className="flex h-2 w-32 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label="trials done"
      >
        <div className="bg-emerald-500" style={{ width: `${pct}%` }} />
        <div className="bg-blue-300" style={{ width: `${runningPct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-600">
        {done}/{total}
      </span>
    </div>
  );
}
