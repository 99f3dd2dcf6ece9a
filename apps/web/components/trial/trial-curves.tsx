'use client';

import { LineOverlay } from '@/components/charts/line-overlay';

type Curves = Record<string, { steps: number[]; values: number[] }>;

/** Metric families drawn on one chart each; anything else goes under "Other". */
const GROUPS: { title: string; match: RegExp }[] = [
  // Cross-validated trials: the spread across folds, kept off the charts of the means.
  { title: 'Spread across folds (std)', match: /_std$/ },
  { title: 'Loss', match: /loss|mse|mae/i },
  { title: 'Accuracy', match: /acc|f1|precision|recall|r2/i },
  { title: 'Learning rate', match: /^(lr|learning_rate)$/i },
];

/** A trial's curves: train and validation loss, accuracy, learning rate, and the rest. */
export function TrialCurves({ curves }: { curves: Curves }) {
  const metrics = Object.keys(curves).sort();
  if (metrics.length === 0)
    return (
      <p className="py-6 text-center text-sm text-slate-500">
        This trial has reported no curve points.
      </p>
    );
  const groups = [...GROUPS, { title: 'Other', match: /./ }]
    .map((g, k, all) => ({
      title: g.title,
      metrics: metrics.filter(
        (m) => g.match.test(m) && !all.slice(0, k).some((earlier) => earlier.match.test(m)),
      ),
    }))
    .filter((g) => g.metrics.length > 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {groups.map((g) => (
        <div key={g.title}>
          <h3 className="text-xs font-semibold uppercase text-slate-500">{g.title}</h3>
          <LineOverlay
            yLabel={g.title}
            series={g.metrics.map((m) => ({ name: m, ...curves[m] }))}
          />
        </div>
      ))}
    </div>
  );
}
