'use client';

import { useMemo, useRef, useState } from 'react';
import type { TrialTable } from '@sweepwise/db';
import { completedRows } from '@/lib/charts/completed-rows';
import { paramAxis, type SpaceView } from '@/lib/charts/param-axis';
import { ParamTickLabels } from './axes';
import { svgPoint } from '@/lib/charts/scale';
import { VALUE_PALETTE } from '@/lib/charts/trial-colors';

const OBJECTIVE = '__objective__';
const W = 720;
const H = 280;
const TOP = 24;
const BOTTOM = 24;
const SIDE = 50;

type Brushes = Record<string, [number, number]>;

/** Fainter lines as they multiply, so 10,000 trials read as density rather than a solid block. */
function lineOpacity(lines: number): number {
  return Math.min(0.5, Math.max(0.03, 8 / Math.sqrt(lines)));
}

/** Whether the r-th drawn trial passes every brush (pixel ranges on axes). */
function insideBrushes(
  layout: { axes: { key: string }[]; ys: (number | null)[][] },
  r: number,
  brushes: Brushes,
): boolean {
  return Object.entries(brushes).every(([key, [lo, hi]]) => {
    const y = layout.ys[r][layout.axes.findIndex((a) => a.key === key)];
    return y !== null && y >= lo && y <= hi;
  });
}

/**
 * Parallel coordinates of the completed trials' parameters and objective, in custom SVG (Recharts
 * has none). Lines are grouped into one path per colour band (6 nodes for 10,000 trials). Drag
 * along an axis to brush a range; trials outside every brush turn grey and `onBrush` tells the
 * page which trials remain, so the table filters too. A click on an axis clears its brush.
 */
export function ParallelCoordinates({
  table,
  space,
  metric,
  direction,
  onBrush,
}: {
  table: TrialTable;
  space: SpaceView;
  metric: string;
  direction: 'minimize' | 'maximize';
  onBrush(numbers: Set<number> | null): void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [brushes, setBrushes] = useState<Brushes>({});
  const [drag, setDrag] = useState<{ axis: string; from: number; to: number } | null>(null);

  const layout = useMemo(() => {
    const rows = completedRows(table);
    const names = [...table.paramNames, OBJECTIVE];
    const step = (W - 2 * SIDE) / Math.max(1, names.length - 1);
    const axes = names.map((name, k) => ({
      x: SIDE + k * step,
      axis: paramAxis(
        name === OBJECTIVE ? metric : name,
        name === OBJECTIVE ? { type: 'float' } : space[name],
        rows.map((i) => (name === OBJECTIVE ? table.values[i] : table.params[name][i])),
        [H - BOTTOM, TOP],
      ),
      key: name,
    }));
    // Rank of each trial's objective, best = 0, for the colour band.
    const order = [...rows].sort((a, b) => {
      const d = (table.values[a] as number) - (table.values[b] as number);
      return direction === 'minimize' ? d : -d;
    });
    const band = new Map(
      order.map((i, r) => [
        i,
        Math.min(VALUE_PALETTE.length - 1, Math.floor((r / order.length) * VALUE_PALETTE.length)),
      ]),
    );
    const ys = rows.map((i) =>
      axes.map(({ axis, key }) =>
        axis.position(key === OBJECTIVE ? table.values[i] : table.params[key][i]),
      ),
    );
    return { rows, axes, ys, band };
  }, [table, space, metric, direction]);

  const paths = useMemo(() => {
    const colored = VALUE_PALETTE.map(() => '');
    let grey = '';
    const kept = new Set<number>();
    layout.rows.forEach((i, r) => {
      const ys = layout.ys[r];
      const inside = insideBrushes(layout, r, brushes);
      let d = '';
      let pen = false;
      ys.forEach((y, k) => {
        if (y === null) return (pen = false);
        d += `${pen ? 'L' : 'M'}${layout.axes[k].x.toFixed(0)} ${y.toFixed(1)}`;
        pen = true;
      });
      if (inside) {
        kept.add(table.numbers[i]);
        // Worst bands first so the best lines are drawn on top.
        colored[layout.band.get(i)!] += d;
      } else grey += d;
    });
    return { colored, grey, kept, filtering: Object.keys(brushes).length > 0 };
  }, [brushes, layout, table.numbers]);

  function finishBrush() {
    if (!drag) return;
    const lo = Math.min(drag.from, drag.to);
    const hi = Math.max(drag.from, drag.to);
    const next = { ...brushes };
    if (hi - lo < 3) delete next[drag.axis];
    else next[drag.axis] = [lo, hi];
    setBrushes(next);
    setDrag(null);
    if (Object.keys(next).length === 0) return onBrush(null);
    const kept = layout.rows.filter((_, r) => insideBrushes(layout, r, next));
    onBrush(new Set(kept.map((i) => table.numbers[i])));
  }

  if (layout.rows.length === 0) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        Parallel coordinates appear once trials complete.
      </p>
    );
  }
  const y = (e: React.MouseEvent) => svgPoint(svgRef.current!, e.clientX, e.clientY).y;
  return (
    <div>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        className="w-full select-none"
        role="img"
        aria-label="parallel coordinates"
        data-testid="parallel-coordinates"
        onMouseMove={(e) =>
          drag && setDrag({ ...drag, to: Math.max(TOP, Math.min(H - BOTTOM, y(e))) })
        }
        onMouseUp={finishBrush}
        onMouseLeave={finishBrush}
      >
        <path d={paths.grey} fill="none" stroke="#cbd5e1" strokeOpacity={0.25} />
        {[...paths.colored].reverse().map((d, k) => (
          <path
            key={k}
            d={d}
            fill="none"
            stroke={VALUE_PALETTE[VALUE_PALETTE.length - 1 - k]}
            strokeOpacity={lineOpacity(layout.rows.length)}
          />
        ))}
        {layout.axes.map(({ x, axis, key }) => {
          const brush =
            drag?.axis === key
              ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)]
              : brushes[key];
          return (
            <g key={key}>
              <line x1={x} x2={x} y1={TOP} y2={H - BOTTOM} stroke="#334155" />
              <ParamTickLabels ticks={axis.ticks} x={x} />
              <text
                x={x}
                y={H - 6}
                textAnchor="middle"
                className="text-[11px] font-medium"
                fill="#0f172a"
              >
                {axis.name}
              </text>
              {brush && (
                <rect
                  x={x - 6}
                  y={brush[0]}
                  width={12}
                  height={brush[1] - brush[0]}
                  fill="#0f172a"
                  fillOpacity={0.2}
                  stroke="#0f172a"
                />
              )}
              <rect
                x={x - 10}
                y={TOP}
                width={20}
                height={H - TOP - BOTTOM}
                fill="transparent"
                className="cursor-ns-resize"
                data-testid={`pc-axis-${axis.name}`}
                onMouseDown={(e) => {
                  const at = y(e);
                  setDrag({ axis: key, from: at, to: at });
                }}
              />
            </g>
          );
        })}
      </svg>
      <p className="text-xs text-slate-500">
        {paths.filtering
          ? `${paths.kept.size} of ${layout.rows.length} completed trials inside the brushes.`
          : `${layout.rows.length} completed trials; drag along an axis to filter, click it to clear.`}
      </p>
    </div>
  );
}
