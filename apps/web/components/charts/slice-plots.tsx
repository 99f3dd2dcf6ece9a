'use client';

import { useMemo } from 'react';
import type { TrialTable } from '@sweepwise/db';
import { completedRows } from '@/lib/charts/completed-rows';
import { paramAxis, type SpaceView } from '@/lib/charts/param-axis';
import { ParamTickLabels } from './axes';
import { dotsPath, makeScale, pad } from '@/lib/charts/scale';
import { STATE_COLORS, robustExtent } from '@/lib/charts/trial-colors';
import { formatValue } from '@/lib/format';

const W = 240;
const H = 170;
const L = 40;
const B = 30;
const T = 8;
const R = 8;

/** The objective against each parameter, one small scatter per parameter. */
export function SlicePlots({
  table,
  space,
  metric,
}: {
  table: TrialTable;
  space: SpaceView;
  metric: string;
}) {
  const plots = useMemo(() => {
    const rows = completedRows(table);
    const y = makeScale(pad(robustExtent(rows.map((i) => table.values[i])) ?? [0, 1]), [H - B, T]);
    const py = (v: number) => Math.min(H - B, Math.max(T, y(v)));
    return {
      y,
      count: rows.length,
      items: table.paramNames.map((name) => {
        const values = rows.map((i) => table.params[name][i]);
        const axis = paramAxis(name, space[name], values, [L, W - R]);
        const xs: number[] = [];
        const ys: number[] = [];
        rows.forEach((i, k) => {
          const x = axis.position(values[k]);
          if (x === null) return;
          xs.push(x);
          ys.push(py(table.values[i] as number));
        });
        return { name, axis, d: dotsPath(xs, ys) };
      }),
    };
  }, [table, space]);

  if (plots.count === 0)
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        Slice plots appear once trials complete.
      </p>
    );
  return (
    <div className="grid grid-cols-2 gap-2 lg:grid-cols-4" data-testid="slice-plots">
      {plots.items.map(({ name, axis, d }) => (
        <svg
          key={name}
          viewBox={`0 0 ${W} ${H}`}
          className="w-full"
          role="img"
          aria-label={`slice ${name}`}
        >
          <line x1={L} x2={L} y1={T} y2={H - B} stroke="#64748b" />
          <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke="#64748b" />
          {plots.y.ticks(4).map((t) => (
            <text
              key={t}
              x={L - 4}
              y={plots.y(t)}
              dy="0.32em"
              textAnchor="end"
              className="text-[9px]"
              fill="#64748b"
            >
              {formatValue(t, 3)}
            </text>
          ))}
          <ParamTickLabels ticks={axis.ticks.slice(0, 6)} y={H - B} />
          <text
            x={(L + W) / 2}
            y={H - 3}
            textAnchor="middle"
            className="text-[11px] font-medium"
            fill="#0f172a"
          >
            {name}
          </text>
          <text x={L + 4} y={T + 8} className="text-[9px]" fill="#94a3b8">
            {metric}
          </text>
          <path
            d={d}
            stroke={STATE_COLORS.completed}
            strokeOpacity={0.4}
            strokeWidth={3}
            strokeLinecap="round"
          />
        </svg>
      ))}
    </div>
  );
}
