'use client';

import Link from 'next/link';
import { useState } from 'react';
import { LineOverlay, SERIES_COLORS } from '@/components/charts/line-overlay';
import { OptionSelect } from '@/components/ui/option-select';
import { StateBadge } from '@/components/ui/state-badge';
import { formatParam, formatValue } from '@/lib/format';

export interface ComparedTrial {
  sweepId: string;
  sweepName: string;
  objectiveMetric: string;
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
  curves: Record<string, { steps: number[]; values: number[] }>;
}

/** 2-10 trials: one metric's curves overlaid, and their parameters side by side. */
export function CompareView({ trials }: { trials: ComparedTrial[] }) {
  const metrics = [...new Set(trials.flatMap((t) => Object.keys(t.curves)))].sort();
  const [metric, setMetric] = useState(
    metrics.includes(trials[0].objectiveMetric) ? trials[0].objectiveMetric : (metrics[0] ?? ''),
  );
  const label = (t: ComparedTrial) => `${t.sweepName} #${t.number}`;
  const params = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const differs = (p: string) =>
    new Set(trials.map((t) => JSON.stringify(t.params[p] ?? null))).size > 1;
  return (
    <div className="space-y-4">
      <section className="rounded border border-slate-200 bg-white p-4" aria-label="curves">
        <OptionSelect
          label="Metric"
          ariaLabel="metric"
          options={metrics}
          value={metric}
          onChange={setMetric}
          className="text-sm"
        />
        <LineOverlay
          yLabel={metric}
          height={320}
          series={trials
            .filter((t) => t.curves[metric])
            .map((t) => ({ name: label(t), ...t.curves[metric] }))}
        />
      </section>
      <section
        className="overflow-x-auto rounded border border-slate-200 bg-white"
        aria-label="parameter differences"
      >
        <table className="w-full text-sm" data-testid="param-diff">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2">Parameter</th>
              {trials.map((t, k) => (
                <th key={`${t.sweepId}:${t.number}`} className="px-3 py-2">
                  <span style={{ color: SERIES_COLORS[k % SERIES_COLORS.length] }}>■ </span>
                  <Link
                    href={`/sweeps/${t.sweepId}/trials/${t.number}`}
                    className="text-blue-800 hover:underline"
                  >
                    {label(t)}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr>
              <td className="px-3 py-1 text-slate-500">state</td>
              {trials.map((t) => (
                <td key={`${t.sweepId}:${t.number}`} className="px-3 py-1">
                  <StateBadge state={t.state} />
                </td>
              ))}
            </tr>
            <tr>
              <td className="px-3 py-1 text-slate-500">objective</td>
              {trials.map((t) => (
                <td key={`${t.sweepId}:${t.number}`} className="px-3 py-1 tabular-nums font-medium">
                  {formatValue(t.value)}{' '}
                  <span className="text-xs text-slate-400">{t.objectiveMetric}</span>
                </td>
              ))}
            </tr>
            {params.map((p) => (
              <tr key={p} className={differs(p) ? 'bg-amber-50' : ''} data-differs={differs(p)}>
                <td className="px-3 py-1 font-medium">{p}</td>
                {trials.map((t) => (
                  <td key={`${t.sweepId}:${t.number}`} className="px-3 py-1 tabular-nums">
                    {formatParam(t.params[p])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="px-3 py-2 text-xs text-slate-500">
          Highlighted rows differ between the trials.
        </p>
      </section>
    </div>
  );
}
