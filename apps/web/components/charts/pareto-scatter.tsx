'use client';

import { useMemo, useRef, useState } from 'react';
import { AxisBottom, AxisLeft, FRAME } from './axes';
import { frontStaircase, type ObjectivesSpec, type ParetoView } from '@/lib/charts/pareto';
import { dotsPath, extent, makeScale, pad, svgPoint } from '@/lib/charts/scale';
import { BEST_COLOR, STATE_COLORS } from '@/lib/charts/trial-colors';
import { formatValue } from '@/lib/format';

const VIOLATOR_COLOR = '#dc2626';
const F = { ...FRAME, height: 300 };

type Objective = { name: string; goal: 'minimize' | 'maximize' };

/**
 * Two objectives of every completed trial: the sweep's front solid, dominated trials faded,
 * trials outside the constraints as red crosses, and the front of the two as a staircase.
 */
export function ParetoScatter({
  spec,
  view,
  x,
  y,
  onOpen,
}: {
  spec: ObjectivesSpec;
  view: ParetoView;
  x: Objective;
  y: Objective;
  onOpen(number: number): void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const drawn = useMemo(() => {
    const { points } = view;
    const xs = makeScale(pad(extent(points.map((p) => p.values[x.name])) ?? [0, 1]), [
      F.left,
      F.width - F.right,
    ]);
    const ys = makeScale(pad(extent(points.map((p) => p.values[y.name])) ?? [0, 1]), [
      F.height - F.bottom,
      F.top,
    ]);
    const at = points.map((p) => [xs(p.values[x.name]), ys(p.values[y.name])] as const);
    const pick = (keep: (k: number) => boolean) => {
      const k = at.map((_, i) => i).filter(keep);
      return dotsPath(
        k.map((i) => at[i][0]),
        k.map((i) => at[i][1]),
      );
    };
    const onFront = (i: number) => view.front.has(points[i].trial.number);
    const crosses = at
      .filter((_, i) => !points[i].feasible)
      .map(([px, py]) => `M${px - 4} ${py - 4}l8 8M${px - 4} ${py + 4}l8 -8`)
      .join('');
    const stairs = frontStaircase(spec, points, x, y)
      .map(([vx, vy], k) => `${k ? 'L' : 'M'}${xs(vx).toFixed(1)} ${ys(vy).toFixed(1)}`)
      .join('');
    return {
      xs,
      ys,
      at,
      stairs,
      crosses,
      dominated: pick((i) => points[i].feasible && !onFront(i)),
      front: pick(onFront),
      violators: points.filter((p) => !p.feasible).length,
      dominatedCount: points.filter((p) => p.feasible && !view.front.has(p.trial.number)).length,
    };
  }, [spec, view, x, y]);

  if (view.points.length === 0) {
    return (
      <p className="py-8 text-center text-sm text-slate-500">
        No completed trial with every objective yet: points appear here as trials finish.
      </p>
    );
  }

  function nearest(clientX: number, clientY: number): number | null {
    const p = svgPoint(svgRef.current!, clientX, clientY);
    let best = -1;
    let bestD = Infinity;
    drawn.at.forEach(([px, py], k) => {
      const d = (px - p.x) ** 2 + (py - p.y) ** 2;
      if (d < bestD) [best, bestD] = [k, d];
    });
    return best >= 0 && bestD < 400 ? best : null;
  }

  const h = hover === null ? null : view.points[hover];
  return (
    <div>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${F.width} ${F.height}`}
        className="w-full cursor-crosshair select-none"
        role="img"
        aria-label={`Pareto front of ${x.name} and ${y.name}`}
        data-testid="pareto-scatter"
        onMouseMove={(e) => setHover(nearest(e.clientX, e.clientY))}
        onMouseLeave={() => setHover(null)}
        onClick={() => h && onOpen(h.trial.number)}
      >
        <AxisLeft scale={drawn.ys} frame={F} label={`${y.name} (${y.goal})`} />
        <AxisBottom scale={drawn.xs} frame={F} label={`${x.name} (${x.goal})`} />
        <path
          d={drawn.dominated}
          stroke={STATE_COLORS.completed}
          strokeOpacity={0.25}
          strokeWidth={5}
          strokeLinecap="round"
          data-testid="pareto-dominated"
        />
        <path d={drawn.stairs} fill="none" stroke={BEST_COLOR} strokeWidth={1.5} />
        <path
          d={drawn.front}
          stroke={BEST_COLOR}
          strokeWidth={7}
          strokeLinecap="round"
          data-testid="pareto-front-points"
        />
        <path
          d={drawn.crosses}
          stroke={VIOLATOR_COLOR}
          strokeWidth={1.5}
          data-testid="pareto-violators"
        />
        {h && (
          <g pointerEvents="none">
            <circle
              cx={drawn.at[hover!][0]}
              cy={drawn.at[hover!][1]}
              r={6}
              fill="none"
              stroke="#0f172a"
            />
            <text
              x={Math.min(drawn.at[hover!][0] + 8, F.width - 200)}
              y={Math.max(drawn.at[hover!][1] - 8, 20)}
              className="text-[11px]"
              fill="#0f172a"
            >
              #{h.trial.number}: {x.name} {formatValue(h.values[x.name])}, {y.name}{' '}
              {formatValue(h.values[y.name])}
              {!h.feasible && ' (infeasible)'}
            </text>
          </g>
        )}
      </svg>
      <p className="mt-1 text-xs text-slate-500" data-testid="pareto-legend">
        <span style={{ color: BEST_COLOR }}>●</span> on the front ({view.front.size}){' '}
        <span style={{ color: STATE_COLORS.completed, opacity: 0.4 }}>●</span> dominated (
        {drawn.dominatedCount}) <span style={{ color: VIOLATOR_COLOR }}>✕</span>{' '}
        <span data-testid="pareto-violator-count">{drawn.violators} outside the constraints</span>.
        The line is the front of these two objectives; with more, a front point may sit off it.
      </p>
    </div>
  );
}
