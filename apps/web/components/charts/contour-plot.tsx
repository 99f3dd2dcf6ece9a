'use client';

import { useMemo, useState } from 'react';
import type { TrialTable } from '@sweepwise/db';
import { OptionSelect } from '@/components/ui/option-select';
import { completedRows } from '@/lib/charts/completed-rows';
import { paramAxis, type SpaceView } from '@/lib/charts/param-axis';
import { ParamTickLabels } from './axes';
import { dotsPath } from '@/lib/charts/scale';
import { VALUE_PALETTE } from '@/lib/charts/trial-colors';
import { formatValue } from '@/lib/format';

const W = 420;
const H = 320;
const L = 50;
const B = 36;
const T = 8;
const R = 8;
const CELLS = 24;

/**
 * The objective over a chosen pair of parameters as filled contours: trials are averaged per grid
 * cell, empty cells take an inverse-distance-weighted mean of the filled ones (power 2, Shepard
 * 1968), and the surface is cut into as many bands as the palette has colours.
 */
export function ContourPlot({
  table,
  space,
  direction,
}: {
  table: TrialTable;
  space: SpaceView;
  direction: 'minimize' | 'maximize';
}) {
  const names = table.paramNames;
  const [pair, setPair] = useState<[string, string]>([names[0] ?? '', names[1] ?? names[0] ?? '']);
  const surface = useMemo(() => {
    const rows = completedRows(table);
    if (!pair[0] || !pair[1] || rows.length < 3) return null;
    const ax = paramAxis(
      pair[0],
      space[pair[0]],
      rows.map((i) => table.params[pair[0]][i]),
      [L, W - R],
    );
    const ay = paramAxis(
      pair[1],
      space[pair[1]],
      rows.map((i) => table.params[pair[1]][i]),
      [H - B, T],
    );
    const cw = (W - R - L) / CELLS;
    const ch = (H - B - T) / CELLS;
    const sum = new Float64Array(CELLS * CELLS);
    const count = new Uint32Array(CELLS * CELLS);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const i of rows) {
      const x = ax.position(table.params[pair[0]][i]);
      const y = ay.position(table.params[pair[1]][i]);
      if (x === null || y === null) continue;
      xs.push(x);
      ys.push(y);
      const cx = Math.min(CELLS - 1, Math.max(0, Math.floor((x - L) / cw)));
      const cy = Math.min(CELLS - 1, Math.max(0, Math.floor((y - T) / ch)));
      sum[cy * CELLS + cx] += table.values[i] as number;
      count[cy * CELLS + cx]++;
    }
    const filled: { c: number; v: number }[] = [];
    for (let c = 0; c < sum.length; c++) if (count[c]) filled.push({ c, v: sum[c] / count[c] });
    if (filled.length === 0) return null;
    const grid = Array.from({ length: CELLS * CELLS }, (_, c) => {
      if (count[c]) return sum[c] / count[c];
      let num = 0;
      let den = 0;
      for (const f of filled) {
        const d2 =
          ((f.c % CELLS) - (c % CELLS)) ** 2 +
          (Math.floor(f.c / CELLS) - Math.floor(c / CELLS)) ** 2;
        num += f.v / d2;
        den += 1 / d2;
      }
      return num / den;
    });
    const sorted = [...grid].sort((a, b) => (direction === 'minimize' ? a - b : b - a));
    const cuts = VALUE_PALETTE.map(
      (_, k) => sorted[Math.floor(((k + 1) / VALUE_PALETTE.length) * (sorted.length - 1))],
    );
    const band = (v: number) =>
      cuts.findIndex((cut) => (direction === 'minimize' ? v <= cut : v >= cut));
    return { ax, ay, grid, band, cw, ch, dots: dotsPath(xs, ys), cuts };
  }, [table, space, pair, direction]);

  return (
    <div data-testid="contour-plot">
      <div className="mb-2 flex items-center gap-2 text-xs">
        <OptionSelect
          label="x"
          ariaLabel="contour x parameter"
          options={names}
          value={pair[0]}
          onChange={(x) => setPair([x, pair[1]])}
        />
        <OptionSelect
          label="y"
          ariaLabel="contour y parameter"
          options={names}
          value={pair[1]}
          onChange={(y) => setPair([pair[0], y])}
        />
      </div>
      {!surface ? (
        <p className="py-8 text-center text-sm text-slate-500">
          The contour needs at least 3 completed trials and two parameters.
        </p>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="w-full max-w-lg"
          role="img"
          aria-label={`contour of ${pair[0]} and ${pair[1]}`}
        >
          {surface.grid.map((v, c) => (
            <rect
              key={c}
              x={L + (c % CELLS) * surface.cw}
              y={T + Math.floor(c / CELLS) * surface.ch}
              width={surface.cw + 0.5}
              height={surface.ch + 0.5}
              fill={VALUE_PALETTE[Math.max(0, surface.band(v))]}
            />
          ))}
          <path
            d={surface.dots}
            stroke="#0f172a"
            strokeOpacity={0.35}
            strokeWidth={2}
            strokeLinecap="round"
          />
          <ParamTickLabels ticks={surface.ax.ticks.slice(0, 6)} y={H - B} />
          <ParamTickLabels ticks={surface.ay.ticks.slice(0, 6)} x={L} />
          <text x={(L + W) / 2} y={H - 4} textAnchor="middle" className="text-[11px]">
            {pair[0]}
          </text>
          <text
            transform={`translate(10,${(T + H - B) / 2}) rotate(-90)`}
            textAnchor="middle"
            className="text-[11px]"
          >
            {pair[1]}
          </text>
          <title>{`best band: ${direction === 'minimize' ? '≤' : '≥'} ${formatValue(surface.cuts[0])}`}</title>
        </svg>
      )}
    </div>
  );
}
