'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { TrialTable } from '@sweepwise/db';
import { HypervolumeChart } from '@/components/charts/hypervolume-chart';
import { ParetoScatter } from '@/components/charts/pareto-scatter';
import { ClientOnly } from '@/components/ui/client-only';
import { Card } from '@/components/ui/states';
import { paretoView, type ObjectivesSpec } from '@/lib/charts/pareto';
import { formatValue } from '@/lib/format';

/**
 * A sweep with several objectives: the Pareto scatter of any two, the hypervolume over trials, and
 * the front as a table sortable by each objective, each row promotable.
 */
export function ParetoPanel({
  sweepId,
  spec,
  table,
  onOpen,
}: {
  sweepId: string;
  spec: ObjectivesSpec;
  table: TrialTable;
  onOpen(number: number): void;
}) {
  const objectives = spec.metrics ?? [spec.metric];
  const [x, setX] = useState(0);
  const [y, setY] = useState(1);
  const view = useMemo(() => paretoView(table, spec), [table, spec]);
  const select = (label: string, value: number, onChange: (v: number) => void) => (
    <label className="text-xs text-slate-600">
      {label}{' '}
      <select
        aria-label={`${label} objective`}
        className="rounded border px-1 py-0.5 text-xs"
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {objectives.map((o, k) => (
          <option key={o.name} value={k}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card
        title="Pareto front"
        actions={
          <div className="flex gap-2">
            {select('x', x, setX)}
            {select('y', y, setY)}
          </div>
        }
      >
        <ClientOnly>
          <ParetoScatter
            spec={spec}
            view={view}
            x={objectives[x]}
            y={objectives[y]}
            onOpen={onOpen}
          />
        </ClientOnly>
      </Card>
      <Card title="Hypervolume">
        <ClientOnly>
          <HypervolumeChart view={view} />
        </ClientOnly>
      </Card>
      <div className="lg:col-span-2">
        <Card title="Front">
          <FrontTable sweepId={sweepId} objectives={objectives} view={view} />
        </Card>
      </div>
    </div>
  );
}

function FrontTable({
  sweepId,
  objectives,
  view,
}: {
  sweepId: string;
  objectives: readonly { name: string; goal: 'minimize' | 'maximize' }[];
  view: ReturnType<typeof paretoView>;
}) {
  // Sorted by one objective, best first; clicking its header again reverses.
  const [sort, setSort] = useState<{ k: number; reverse: boolean }>({ k: 0, reverse: false });
  const rows = useMemo(() => {
    const o = objectives[sort.k];
    const sign = (o.goal === 'minimize' ? 1 : -1) * (sort.reverse ? -1 : 1);
    return view.points
      .filter((p) => view.front.has(p.trial.number))
      .sort(
        (a, b) => sign * (a.values[o.name] - b.values[o.name]) || a.trial.number - b.trial.number,
      );
  }, [objectives, sort, view]);
  if (rows.length === 0) {
    return <p className="text-sm text-slate-500">No feasible completed trial yet.</p>;
  }
  return (
    <table className="w-full text-left text-sm" data-testid="front-table">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1">trial</th>
          {objectives.map((o, k) => (
            <th key={o.name} className="py-1" aria-sort={sortState(sort, k, o.goal)}>
              <button
                type="button"
                className="font-medium hover:underline"
                onClick={() => setSort((s) => ({ k, reverse: s.k === k ? !s.reverse : false }))}
              >
                {o.name} ({o.goal === 'minimize' ? 'min' : 'max'})
                {sort.k === k ? (sort.reverse ? ' ▲' : ' ▼') : ''}
              </button>
            </th>
          ))}
          <th className="py-1" />
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.trial.number} className="border-t border-slate-100" data-testid="front-row">
            <td className="py-1">
              <Link
                href={`/sweeps/${sweepId}/trials/${p.trial.number}`}
                className="text-blue-800 underline"
              >
                #{p.trial.number}
              </Link>
            </td>
            {objectives.map((o) => (
              <td key={o.name} className="py-1 tabular-nums">
                {formatValue(p.values[o.name])}
              </td>
            ))}
            <td className="py-1 text-right">
              <Link
                href={`/sweeps/${sweepId}/promote?trial=${p.trial.number}`}
                className="rounded bg-emerald-700 px-2 py-0.5 text-xs text-white"
              >
                Promote #{p.trial.number}…
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The column's aria-sort: best first is ascending for a minimized objective. */
function sortState(sort: { k: number; reverse: boolean }, k: number, goal: string) {
  if (sort.k !== k) return 'none' as const;
  return (goal === 'minimize') !== sort.reverse ? ('ascending' as const) : ('descending' as const);
}
