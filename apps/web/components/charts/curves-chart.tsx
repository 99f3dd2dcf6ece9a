'use client';

import { useMemo, useState } from 'react';
import type { DrawnCurve } from '@sweepwise/db';
import { AxisBottom, AxisLeft, FRAME } from './axes';
import { extent, makeScale, pad } from '@/lib/charts/scale';
import { BEST_COLOR, STATE_COLORS, robustExtent } from '@/lib/charts/trial-colors';

/**
 * Learning curves of the drawn trials overlaid: one path per state (a hundred lines, a handful
 * of DOM nodes), the best trial on top in green, and each pruned trial ended by a marker whose
 * tooltip is the stopping rule's reason.
 */
export function CurvesChart({
  curves,
  metric,
  bestNumber,
  onOpen,
}: {
  curves: DrawnCurve[];
  metric: string;
  bestNumber: number | null;
  onOpen(number: number): void;
}) {
  const [hover, setHover] = useState<DrawnCurve | null>(null);
  const f = FRAME;
  const drawn = useMemo(() => {
    const steps = extent(curves.flatMap((c) => [c.steps[0], c.steps[c.steps.length - 1]])) ?? [
      0, 1,
    ];
    const values = robustExtent(curves.flatMap((c) => c.values));
    const x = makeScale(steps, [f.left, f.width - f.right]);
    const y = makeScale(pad(values ?? [0, 1]), [f.height - f.bottom, f.top]);
    const py = (v: number) => Math.min(f.height - f.bottom, Math.max(f.top, y(v))).toFixed(1);
    const line = (c: DrawnCurve) => {
      let d = '';
      let pen = false;
      c.steps.forEach((s, i) => {
        const v = c.values[i];
        if (v == null || !Number.isFinite(v)) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${x(s).toFixed(1)} ${py(v)}`;
        pen = true;
      });
      return d;
    };
    const byState: Record<string, string> = {};
    for (const c of curves) {
      if (c.number === bestNumber) continue;
      byState[c.state] = (byState[c.state] ?? '') + line(c);
    }
    const best = curves.find((c) => c.number === bestNumber);
    const markers = curves
      .filter((c) => c.state === 'pruned' && c.steps.length > 0)
      .map((c) => {
        const last = c.values.length - 1;
        return { curve: c, cx: x(c.steps[last]), cy: Number(py(c.values[last] ?? 0)) };
      });
    return { x, y, byState, best: best ? line(best) : '', markers };
  }, [curves, bestNumber, f]);

  if (curves.length === 0) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No curve points yet: lines appear as trials report.
      </p>
    );
  }
  return (
    <div className="relative">
      <svg
        viewBox={`0 0 ${f.width} ${f.height}`}
        className="w-full"
        role="img"
        aria-label="learning curves"
        data-testid="curves-chart"
      >
        <AxisLeft scale={drawn.y} frame={f} label={metric} />
        <AxisBottom scale={drawn.x} frame={f} label="step" />
        {Object.entries(drawn.byState).map(([state, d]) => (
          <path
            key={state}
            d={d}
            fill="none"
            stroke={STATE_COLORS[state] ?? '#94a3b8'}
            strokeOpacity={0.35}
            strokeWidth={1}
          />
        ))}
        {drawn.best && (
          <path
            d={drawn.best}
            fill="none"
            stroke={BEST_COLOR}
            strokeWidth={2.5}
            data-testid="best-curve"
          />
        )}
        {drawn.markers.map(({ curve, cx, cy }) => (
          <g
            key={curve.number}
            transform={`translate(${cx},${cy})`}
            className="cursor-pointer"
            data-testid="stop-marker"
            aria-label={`trial ${curve.number} pruned: ${curve.stopReason ?? ''}`}
            onMouseEnter={() => setHover(curve)}
            onMouseLeave={() => setHover(null)}
            onClick={() => onOpen(curve.number)}
          >
            <title>{`#${curve.number} pruned at step ${curve.stoppedAt ?? '?'}: ${curve.stopReason ?? 'no reason recorded'}`}</title>
            <circle r={6} fill="transparent" />
            <path d="M-3 -3L3 3M-3 3L3 -3" stroke={STATE_COLORS.pruned} strokeWidth={1.5} />
          </g>
        ))}
      </svg>
      {hover && (
        <div
          role="tooltip"
          className="pointer-events-none absolute left-2 top-2 max-w-md rounded bg-slate-900/90 px-2 py-1 text-xs text-white"
        >
          #{hover.number} pruned at step {hover.stoppedAt ?? '?'}:{' '}
          {hover.stopReason ?? 'no reason recorded'}
        </div>
      )}
      <p className="mt-1 text-xs text-slate-500">
        {curves.length} trials drawn (best, running, pruned and a sample of the rest).{' '}
        <span style={{ color: BEST_COLOR }}>■</span> best{' '}
        <span style={{ color: STATE_COLORS.pruned }}>✕</span> pruned
      </p>
    </div>
  );
}
