'use client';

import { PROFILE_MAX_RATIO, type PerformanceProfile } from '@sweepwise/sweeps/benchmark';
import { AxisBottom, AxisLeft, FRAME } from '@/components/charts/axes';
import { makeScale } from '@/lib/charts/scale';
import { algorithmColor } from './palette';

/**
 * AlgoPerf's performance profiles: for each algorithm, the fraction ρ(τ) of workloads on which it
 * reached the target within τ times the fastest algorithm's time, a step function over [1, 4].
 */
export function ProfileChart({
  profiles,
  algorithms,
  measure,
}: {
  profiles: PerformanceProfile[];
  algorithms: readonly string[];
  measure: string;
}) {
  const f = FRAME;
  const x = makeScale([1, PROFILE_MAX_RATIO], [f.left, f.width - f.right]);
  const y = makeScale([0, 1], [f.height - f.bottom, f.top]);
  const stairs = (p: PerformanceProfile) => {
    let d = `M${x(1)} ${y(0)}`;
    let rho = 0;
    for (const s of p.steps) {
      d += `L${x(s.tau).toFixed(1)} ${y(rho).toFixed(1)}L${x(s.tau).toFixed(1)} ${y(s.rho).toFixed(1)}`;
      rho = s.rho;
    }
    return `${d}L${x(PROFILE_MAX_RATIO)} ${y(rho).toFixed(1)}`;
  };
  return (
    <svg
      viewBox={`0 0 ${f.width} ${f.height}`}
      className="w-full"
      role="img"
      aria-label={`performance profiles by ${measure} to target`}
      data-testid="profile-chart"
    >
      <AxisBottom scale={x} frame={f} label={`τ: ${measure} to target / the fastest's`} />
      <AxisLeft scale={y} frame={f} label="ρ(τ): fraction of workloads" />
      {profiles.map((p) => (
        <path
          key={p.algorithm}
          d={stairs(p)}
          fill="none"
          stroke={algorithmColor(algorithms, p.algorithm)}
          strokeWidth={1.8}
          data-testid="profile-line"
          data-algorithm={p.algorithm}
        >
          <title>
            {p.algorithm}: score {p.score.toFixed(3)}
          </title>
        </path>
      ))}
    </svg>
  );
}
