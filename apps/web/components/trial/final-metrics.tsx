import { DetailList } from '@/components/ui/detail-list';
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
      <DetailList
        testId="final-metrics"
        entries={entries.map(([k, v]) => {
          const std = metrics[`${k}_std`];
          return [
            folds.length > 0 && std !== undefined ? `${k} (mean)` : k,
            typeof std === 'number' ? `${formatParam(v)} ± ${formatParam(std)}` : formatParam(v),
          ] as const;
        })}
      />
      {folds.length > 0 && (
        <table className="mt-3 w-full text-sm tabular-nums" data-testid="trial-folds">
          <caption className="text-left text-xs text-slate-500">
            {folds.length} folds, at the trial&apos;s best epoch (± is their standard deviation)
          </caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pr-3 font-normal">fold</th>
              {columns.map((c) => (
                <th key={c} className="pr-3 font-normal">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {folds.map((f, i) => (
              <tr key={i}>
                <td className="pr-3">{i + 1}</td>
                {columns.map((c) => (
                  <td key={c} className="pr-3">
                    {formatParam(f[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
