'use client';

import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TrialTable } from '@sweepwise/db';
import { OptionSelect } from '@/components/ui/option-select';
import { StateBadge } from '@/components/ui/state-badge';
import { formatDuration, formatParam, formatValue } from '@/lib/format';

type SortKey = 'number' | 'value' | 'duration' | `param:${string}`;
const STATES = ['all', 'completed', 'pruned', 'running', 'failed', 'queued', 'cancelled'];
const ROW_PX = 32;
/** How many trials a comparison takes (the compare page's limit). */
const MAX_SELECTED = 10;

/**
 * Every trial of the sweep, sortable and filterable, virtualized: only the rows in view exist in
 * the DOM, so 10,000 trials scroll like 20. `only` restricts the rows (the parallel-coordinates
 * brush); ticked rows go to the compare page.
 */
export function TrialTableView({
  sweepId,
  table,
  only,
}: {
  sweepId: string;
  table: TrialTable;
  only: Set<number> | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'number', asc: true });
  const [state, setState] = useState('all');
  const [selected, setSelected] = useState<number[]>([]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    const index = table.numbers
      .map((_, i) => i)
      .filter(
        (i) =>
          (state === 'all' || table.states[i] === state) && (!only || only.has(table.numbers[i])),
      );
    const key = (i: number): number | string | null => {
      if (sort.key === 'number') return table.numbers[i];
      if (sort.key === 'value') return table.values[i];
      if (sort.key === 'duration') return table.durationsS[i];
      const v = table.params[sort.key.slice(6)]?.[i];
      return typeof v === 'boolean' ? String(v) : v;
    };
    const dir = sort.asc ? 1 : -1;
    return index.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) return table.numbers[a] - table.numbers[b];
      // Missing values last whatever the direction.
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * dir;
    });
  }, [table, sort, state, only]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });

  const columns: { key: SortKey; label: string }[] = [
    { key: 'number', label: '#' },
    { key: 'value', label: 'Value' },
    ...table.paramNames.map((p) => ({ key: `param:${p}` as SortKey, label: p })),
    { key: 'duration', label: 'Duration' },
  ];
  const grid = `2rem 4rem 6rem 6rem ${table.paramNames.map(() => 'minmax(5rem,1fr)').join(' ')} 6rem 5rem`;

  function toggle(number: number) {
    setSelected((s) =>
      s.includes(number)
        ? s.filter((n) => n !== number)
        : s.length < MAX_SELECTED
          ? [...s, number]
          : s,
    );
  }

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <OptionSelect
          label="State"
          ariaLabel="filter by state"
          options={STATES}
          value={state}
          onChange={setState}
        />
        <span className="text-slate-500" data-testid="trial-count">
          {rows.length} of {table.numbers.length} trials{only ? ' (brushed)' : ''}
        </span>
        <Link
          aria-disabled={selected.length < 2}
          href={
            selected.length >= 2
              ? `/compare?trials=${selected.map((n) => `${sweepId}:${n}`).join(',')}`
              : '#'
          }
          className={`rounded px-2 py-0.5 text-white ${selected.length >= 2 ? 'bg-blue-700' : 'pointer-events-none bg-slate-300'}`}
        >
          Compare {selected.length} selected
        </Link>
      </div>
      <div
        role="table"
        aria-label="trials"
        aria-rowcount={rows.length}
        className="rounded border border-slate-200 text-sm"
      >
        <div
          role="row"
          className="grid bg-slate-50 text-xs font-medium uppercase text-slate-500"
          style={{ gridTemplateColumns: grid }}
        >
          <span role="columnheader" className="px-2 py-1.5" />
          {[columns[0], { key: 'state' as SortKey, label: 'State' }, ...columns.slice(1)].map(
            (c) =>
              c.label === 'State' ? (
                <span role="columnheader" key="state" className="px-2 py-1.5">
                  State
                </span>
              ) : (
                <button
                  role="columnheader"
                  key={c.key}
                  className="truncate px-2 py-1.5 text-left uppercase hover:text-slate-900"
                  onClick={() =>
                    setSort((s) => ({ key: c.key, asc: s.key === c.key ? !s.asc : true }))
                  }
                  aria-sort={sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : 'none'}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.asc ? ' ▲' : ' ▼') : ''}
                </button>
              ),
          )}
          <span role="columnheader" className="px-2 py-1.5">
            Stopped
          </span>
        </div>
        <div ref={scrollRef} className="h-[420px] overflow-auto" data-testid="trial-table-scroll">
          {rows.length === 0 ? (
            <p className="p-6 text-center text-slate-500">No trial matches.</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const i = rows[item.index];
                const n = table.numbers[i];
                return (
                  <div
                    role="row"
                    key={n}
                    data-testid="trial-row"
                    className="absolute left-0 grid w-full items-center border-t border-slate-100 hover:bg-slate-50"
                    style={{
                      transform: `translateY(${item.start}px)`,
                      height: ROW_PX,
                      gridTemplateColumns: grid,
                    }}
                  >
                    <span role="cell" className="px-2">
                      <input
                        type="checkbox"
                        aria-label={`select trial ${n}`}
                        checked={selected.includes(n)}
                        onChange={() => toggle(n)}
                      />
                    </span>
                    <span role="cell" className="px-2 tabular-nums">
                      <Link
                        href={`/sweeps/${sweepId}/trials/${n}`}
                        className="text-blue-800 hover:underline"
                      >
                        {n}
                      </Link>
                    </span>
                    <span role="cell" className="px-2">
                      <StateBadge state={table.states[i]} />
                    </span>
                    <span role="cell" className="px-2 tabular-nums">
                      {formatValue(table.values[i])}
                    </span>
                    {table.paramNames.map((p) => (
                      <span role="cell" key={p} className="truncate px-2 tabular-nums">
                        {formatParam(table.params[p][i])}
                      </span>
                    ))}
                    <span role="cell" className="px-2 text-xs text-slate-600">
                      {formatDuration(table.durationsS[i])}
                    </span>
                    <span role="cell" className="px-2 text-xs text-slate-600">
                      {table.stoppedAt[i] ?? ''}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
