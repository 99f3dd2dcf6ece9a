import { formatParam } from '@/lib/format';

type FoldRow = Record<string, unknown>;

/** Columns of the per-fold table, in this order when a fold has them. */
const FOLD_COLUMNS = ['val_loss', 'val_acc', 'train_loss', 'train_acc', 'epochs', 'status'];

/**
 * A trial's final metrics. A cross-validated trial's means show with their spread across folds
 * (`val_acc` with `val_acc_std` as 0.95 ± 0.03), and its `folds` as a table, one row per fold.
 */
export function FinalMetrics({ metrics }: { metrics: Record<string, unknown> }) {
  const entries = Object.entries(metrics).filter(
    ([k]) => k !== 'folds' && !(k.endsWith('_std') && k.slice(0, -4) in metrics),
  );
  if (entries.length === 0) return <p className="text-sm text-slate-500">None yet.</p>;
  const folds = Array.isArray(metrics.folds) ? (metrics.folds as FoldRow[]) : [];
  const columns = FOLD_COLUMNS.filter((c) => folds.some((f) => c in f));
  return (
    <>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm" data-testid="final-metrics">
        {entries.map(([k, v]) => {
          const std = metrics[`${k}_std`];
          return (
            <div key={k} className="contents">
              <dt className="text-slate-500">
                {folds.length > 0 && std !== undefined ? `${k} (mean)` : k}
              </dt>
              <dd className="tabular-nums">
                {formatParam(v)}
                {typeof std === 'number' && ` ± ${formatParam(std)}`}
              </dd>
            </div>
          );
        })}
      </dl>
      {folds.length > 0 && (
        <table className="mt-3 w-full text-sm tabular-nums" data-testid="trial-folds">
          <caption className="text-left text-xs text-slate-500">
            {folds.length} folds, at the trial&apos;s best epoch (± is their standard deviation)
          </caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th className="font-normal">fold</th>
              {columns.map((c) => (
                <th key={c} className="font-normal">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {folds.map((f, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                {columns.map((c) => (
                  <td key={c}>{formatParam(f[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
