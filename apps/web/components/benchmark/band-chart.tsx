'use client';

import type { BandPoint } from '@sweepwise/sweeps/benchmark';
import { AxisBottom, AxisLeft, FRAME } from '@/components/charts/axes';
import { extent, makeScale, pad } from '@/lib/charts/scale';
import { algorithmColor } from './palette';

export interface DrawnBand {
  algorithm: string;
  points: BandPoint[];
}

/**
 * Mean ± sd curves of one metric, one per algorithm: the band is the mean ± one sample sd over
 * the seeds at each x, the line the mean; the workload's target, when it is on this metric, a
 * dashed line. On a log axis the band's lower edge is clipped to the smallest positive value.
 */
export function BandChart({
  bands,
  algorithms,
  xLabel,
  yLabel,
  logY,
  target,
}: {
  bands: DrawnBand[];
  algorithms: readonly string[];
  xLabel: string;
  yLabel: string;
  logY: boolean;
  target: number | null;
}) {
  const f = FRAME;
  const all = bands.flatMap((b) => b.points);
  const xs = extent(all.map((p) => p.x)) ?? [0, 1];
  const ys = [
    ...all.flatMap((p) => [p.mean - p.sd, p.mean + p.sd]),
    ...(target === null ? [] : [target]),
  ];
  const floor = Math.min(...ys.filter((v) => v > 0), Infinity);
  const yExtent = extent(logY ? ys.map((v) => Math.max(v, floor)) : ys) ?? [0, 1];
  const x = makeScale(xs, [f.left, f.width - f.right]);
  const y = makeScale(logY ? yExtent : pad(yExtent), [f.height - f.bottom, f.top], logY);
  const py = (v: number) => y(logY ? Math.max(v, floor) : v).toFixed(1);
  const path = (pts: [number, number][]) =>
    pts.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)} ${py(b)}`).join('');
  return (
    <svg
      viewBox={`0 0 ${f.width} ${f.height}`}
      className="w-full"
      role="img"
      aria-label={`${yLabel} mean ± sd by ${xLabel}`}
      data-testid="band-chart"
    >
      <AxisBottom scale={x} frame={f} label={xLabel} />
      <AxisLeft scale={y} frame={f} label={yLabel + (logY ? ' (log)' : '')} />
      {bands.map((b) => {
        const color = algorithmColor(algorithms, b.algorithm);
        const upper = b.points.map((p): [number, number] => [p.x, p.mean + p.sd]);
        const lower = b.points.map((p): [number, number] => [p.x, p.mean - p.sd]).reverse();
        return (
          <g key={b.algorithm}>
            <path
              d={`${path([...upper, ...lower])}Z`}
              fill={color}
              fillOpacity={0.15}
              stroke="none"
              data-testid="sd-band"
              data-algorithm={b.algorithm}
            />
            <path
              d={path(b.points.map((p) => [p.x, p.mean]))}
              fill="none"
              stroke={color}
              strokeWidth={1.8}
              data-testid="mean-curve"
              data-algorithm={b.algorithm}
            >
              <title>{b.algorithm}</title>
            </path>
          </g>
        );
      })}
      {target !== null && (
        <line
          x1={f.left}
          x2={f.width - f.right}
          y1={py(target)}
          y2={py(target)}
          stroke="#0f172a"
          strokeDasharray="5 4"
          data-testid="target-line"
        >
          <title>validation target {target}</title>
        </line>
      )}
    </svg>
  );
}
