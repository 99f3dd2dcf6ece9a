import Link from 'next/link';
import type { BenchmarkRow } from '@sweepwise/sweeps/benchmark';
import { formatValue } from '@/lib/format';

/**
 * Per (workload, algorithm): each seed ✓ (reached the target) or ✗, linking to its trial, with the
 * epoch and second it got there; the medians over seeds (a miss is infinite, AlgoPerf's rule) and
 * the final validation metric's mean ± sd.
 */
export function TimeToTargetTable({
  sweepId,
  rows,
  metricOf,
}: {
  sweepId: string;
  rows: BenchmarkRow[];
  metricOf(workload: string): string;
}) {
  return (
    <table className="w-full text-sm" data-testid="time-to-target">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1">workload</th>
          <th>algorithm</th>
          <th>seeds at target</th>
          <th>median epochs</th>
          <th>median seconds</th>
          <th>final (mean ± sd)</th>
          <th>lr spread</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.workload}/${r.algorithm}`} className="border-t border-slate-100">
            <td className="py-1">{r.workload}</td>
            <td>
              {r.algorithm}
              {r.lrFactor !== 1 && <span className="text-slate-500"> (lr ×{r.lrFactor})</span>}
            </td>
            <td>
              <span className="mr-2 tabular-nums">
                {r.reached}/{r.seeds.length}
              </span>
              {r.seeds.map((s) => (
                <Link
                  key={s.trialId}
                  href={`/sweeps/${sweepId}/trials/${s.number}`}
                  className={s.stepsToTarget === null ? 'text-red-600' : 'text-emerald-700'}
                  title={
                    s.stepsToTarget === null
                      ? `seed ${s.seed}: missed the target (trial ${s.number}, ${s.state})`
                      : `seed ${s.seed}: epoch ${s.stepsToTarget}, ${formatValue(s.secondsToTarget)} s (trial ${s.number})`
                  }
                  data-testid="seed-mark"
                >
                  {s.stepsToTarget === null ? '✗' : '✓'}
                </Link>
              ))}
            </td>
            <td className="tabular-nums">{formatValue(r.medianStepsToTarget)}</td>
            <td className="tabular-nums">{formatValue(r.medianSecondsToTarget)}</td>
            <td className="tabular-nums">
              {metricOf(r.workload)} {formatValue(r.finalValMean)} ± {formatValue(r.finalValSd)}
            </td>
            <td className="tabular-nums">{formatValue(r.sensitivitySpread)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
