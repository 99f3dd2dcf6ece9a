'use client';

import { useMemo, useRef, useState } from 'react';
import type { TrialTable } from '@sweepwise/db';
import { AxisBottom, AxisLeft, FRAME } from './axes';
import { dotsPath, makeScale, pad, svgPoint } from '@/lib/charts/scale';
import { BEST_COLOR, STATE_COLORS, robustExtent } from '@/lib/charts/trial-colors';
import { formatValue } from '@/lib/format';

/** Each completed trial's objective by trial number, and the best-so-far line. */
export function HistoryChart({
  table,
  direction,
  metric,
  onOpen,
}: {
  table: TrialTable;
  direction: 'minimize' | 'maximize';
  metric: string;
  onOpen(number: number): void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const f = FRAME;
  const drawn = useMemo(() => {
    const yRange = robustExtent(table.values);
    const maxNumber = table.numbers.length ? table.numbers[table.numbers.length - 1] : 1;
    const x = makeScale([0, Math.max(1, maxNumber)], [f.left, f.width - f.right]);
    const y = makeScale(pad(yRange ?? [0, 1]), [f.height - f.bottom, f.top]);
    const clampY = (v: number) => Math.min(f.height - f.bottom, Math.max(f.top, y(v)));
    const xs: number[] = [];
    const ys: number[] = [];
    const withValue: number[] = [];
    let best: number | null = null;
    let line = '';
    table.numbers.forEach((n, i) => {
      const v = table.values[i];
      if (v == null || table.states[i] !== 'completed') return;
      withValue.push(i);
      xs.push(x(n));
      ys.push(clampY(v));
      if (best === null || (direction === 'minimize' ? v < best : v > best)) {
        line += `${line ? 'H' : 'M'}${x(n).toFixed(1)}${line ? 'V' : ' '}${clampY(v).toFixed(1)}`;
        best = v;
      }
    });
    if (line) line += `H${(f.width - f.right).toFixed(1)}`;
    return { x, y, dots: dotsPath(xs, ys), line, withValue, xs, ys };
  }, [table, direction, f]);

  if (drawn.withValue.length === 0) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No completed trial yet: values appear here as trials finish.
      </p>
    );
  }

  function nearest(clientX: number, clientY: number): number | null {
    const p = svgPoint(svgRef.current!, clientX, clientY);
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < drawn.xs.length; k++) {
      const d = (drawn.xs[k] - p.x) ** 2 + (drawn.ys[k] - p.y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best >= 0 && bestD < 400 ? best : null;
  }

  const h = hover === null ? null : drawn.withValue[hover];
  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${f.width} ${f.height}`}
      className="w-full cursor-crosshair select-none"
      role="img"
      aria-label="optimization history"
      data-testid="history-chart"
      onMouseMove={(e) => setHover(nearest(e.clientX, e.clientY))}
      onMouseLeave={() => setHover(null)}
      onClick={() => h !== null && onOpen(table.numbers[h])}
    >
      <AxisLeft scale={drawn.y} frame={f} label={metric} />
      <AxisBottom scale={drawn.x} frame={f} label="trial" />
      <path
        d={drawn.dots}
        stroke={STATE_COLORS.completed}
        strokeOpacity={0.45}
        strokeWidth={4}
        strokeLinecap="round"
      />
      <path d={drawn.line} fill="none" stroke={BEST_COLOR} strokeWidth={2} />
      {h !== null && (
        <g pointerEvents="none">
          <circle cx={drawn.xs[hover!]} cy={drawn.ys[hover!]} r={5} fill="none" stroke="#0f172a" />
          <text
            x={Math.min(drawn.xs[hover!] + 8, f.width - 120)}
            y={Math.max(drawn.ys[hover!] - 8, 20)}
            className="text-[11px]"
            fill="#0f172a"
          >
            #{table.numbers[h]}: {formatValue(table.values[h])}
          </text>
        </g>
      )}
    </svg>
  );
}
