import Link from 'next/link';
import type { TestEvaluation } from '@sweepwise/db';
import { formatDate, formatValue } from '@/lib/format';

interface EvaluationMetrics {
  task?: string;
  n?: number;
  loss?: number;
  accuracy?: number;
  mse?: number;
  mae?: number;
  r2?: number;
  perClass?: { precision: number; recall: number; f1: number; support?: number }[];
  confusion?: number[][];
  classNames?: string[];
  validation?: { metric: string; value: number } | null;
  warnings?: { code: string; message: string }[];
}

const SCALARS = ['loss', 'accuracy', 'mse', 'mae', 'r2', 'n'] as const;

/** One use of the test set: the result, the per-class report, and who asked for it, when, on what. */
export function TestEvaluationView({
  sweepId,
  evaluation,
}: {
  sweepId: string;
  evaluation: TestEvaluation & { trial: { number: number; value: number | null } };
}) {
  const m = (evaluation.metrics ?? {}) as EvaluationMetrics;
  const names = m.classNames ?? m.perClass?.map((_, i) => String(i)) ?? [];
  return (
    <article
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
      data-testid="test-evaluation"
    >
      <h3 className="font-semibold">
        Test set use #{evaluation.sequence}:{' '}
        <Link
          href={`/sweeps/${sweepId}/trials/${evaluation.trial.number}`}
          className="text-blue-800 underline"
        >
          trial #{evaluation.trial.number}
        </Link>
      </h3>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-6">
        {SCALARS.filter((k) => typeof m[k] === 'number').map((k) => (
          <div key={k}>
            <dt className="text-xs text-slate-500">test {k}</dt>
            <dd className="font-medium tabular-nums">{formatValue(m[k] as number)}</dd>
          </div>
        ))}
        {m.validation && (
          <div>
            <dt className="text-xs text-slate-500">{m.validation.metric} (validation)</dt>
            <dd className="tabular-nums">{formatValue(m.validation.value)}</dd>
          </div>
        )}
      </dl>
      {(m.warnings ?? []).map((w) => (
        <p key={w.code} role="alert" className="rounded bg-amber-50 p-2 text-sm text-amber-900">
          {w.message}
        </p>
      ))}
      {m.perClass && (
        <table className="text-xs">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="pr-4">class</th>
              <th className="pr-4">precision</th>
              <th className="pr-4">recall</th>
              <th className="pr-4">F1</th>
            </tr>
          </thead>
          <tbody>
            {m.perClass.map((c, i) => (
              <tr key={i}>
                <td className="pr-4">{names[i]}</td>
                <td className="pr-4 tabular-nums">{formatValue(c.precision, 3)}</td>
                <td className="pr-4 tabular-nums">{formatValue(c.recall, 3)}</td>
                <td className="pr-4 tabular-nums">{formatValue(c.f1, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {m.confusion && (
        <table className="text-xs" aria-label="confusion matrix">
          <caption className="text-left text-slate-500">
            Confusion matrix (rows: true class, columns: predicted)
          </caption>
          <tbody>
            {m.confusion.map((row, i) => (
              <tr key={i}>
                <th className="pr-2 text-left font-normal text-slate-500">{names[i]}</th>
                {row.map((count, j) => (
                  <td
                    key={j}
                    className={`px-2 text-right tabular-nums ${i === j ? 'font-semibold' : 'text-slate-500'}`}
                  >
                    {count}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-slate-500">
        Retrained on {evaluation.trainedOn} for {evaluation.epochs} epochs; requested by{' '}
        {evaluation.requestedBy} on {formatDate(evaluation.createdAt)}; test split hash{' '}
        <code>{evaluation.splitHash.slice(0, 16)}</code>.
      </p>
    </article>
  );
}
