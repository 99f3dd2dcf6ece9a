'use client';

import type { Trajectory } from '@sweepwise/engine/playground';
import { AxisBottom, AxisLeft, FRAME } from '@/components/charts/axes';
import { makeScale } from '@/lib/charts/scale';
import { OPTIMIZER_COLORS } from '@/lib/playground/optimizer-colors';

const frame = { ...FRAME, width: 460, height: 300 };

/**
 * Loss against step for every path, on a log axis when every loss is positive; the step where a
 * path diverged (✕) or stalled (○) is marked on its line.
 */
export function LossPlot({ paths, steps }: { paths: readonly Trajectory[]; steps: number }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of paths) {
    for (let i = 0; i < t.length; i++) {
      lo = Math.min(lo, t.loss[i]);
      hi = Math.max(hi, t.loss[i]);
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  const log = lo > 0;
  const x = makeScale([0, steps], [frame.left, frame.width - frame.right]);
  const y = makeScale([lo, hi], [frame.height - frame.bottom, frame.top], log);
  return (
    <svg
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      width={frame.width}
      height={frame.height}
      data-testid="loss-plot"
      role="img"
      aria-label="Loss against step"
    >
      <AxisBottom scale={x} frame={frame} label="step" />
      <AxisLeft scale={y} frame={frame} label={log ? 'loss (log)' : 'loss'} />
      {paths.map((t) => {
        let d = '';
        for (let i = 0; i < t.length; i++) {
          d += `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(t.loss[i]).toFixed(1)}`;
        }
        const color = OPTIMIZER_COLORS[t.optimizer];
        const at = t.divergedAt !== null ? t.length - 1 : t.stalledAt;
        return (
          <g key={t.optimizer}>
            <path d={d} fill="none" stroke={color} strokeWidth={1.4} data-optimizer={t.optimizer} />
            {at !== null && at >= 0 && (
              <text
                x={x(at)}
                y={y(t.loss[at])}
                dy="0.35em"
                textAnchor="middle"
                fontSize={12}
                fill={color}
                data-mark={t.divergedAt !== null ? 'diverged' : 'stalled'}
              >
                {t.divergedAt !== null ? '✕' : '○'}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
