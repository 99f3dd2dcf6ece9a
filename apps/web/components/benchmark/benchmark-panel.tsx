'use client';

import { useState } from 'react';
import { Card } from '@/components/ui/states';
import type { BenchmarkView } from '@/lib/benchmark-view';
import { BandChart } from './band-chart';
import { algorithmColor } from './palette';
import { ProfileChart } from './profile-chart';
import { TimeToTargetTable } from './time-to-target-table';

/**
 * A benchmark sweep's results: mean ± sd curves per algorithm on a chosen workload and metric (by
 * epoch or wall time, losses on a log axis by default) with the validation target, the
 * time-to-target table, and the performance profiles with each algorithm's score.
 */
export function BenchmarkPanel({ sweepId, view }: { sweepId: string; view: BenchmarkView }) {
  const { report, bands } = view;
  const [workload, setWorkload] = useState(report.workloads[0]?.name ?? '');
  const target = report.workloads.find((w) => w.name === workload);
  const metrics = [...new Set(bands.filter((b) => b.workload === workload).map((b) => b.metric))];
  const [chosen, setMetric] = useState<string | null>(null);
  const metric = chosen && metrics.includes(chosen) ? chosen : (target?.metric ?? metrics[0]);
  const [axis, setAxis] = useState<'step' | 'wall'>('step');
  const [logChoice, setLog] = useState<boolean | null>(null);
  const logY = logChoice ?? metric.endsWith('loss');
  const [measure, setMeasure] = useState<'seconds' | 'steps'>('seconds');
  const drawn = bands.filter(
    (b) => b.workload === workload && b.metric === metric && b.axis === axis,
  );
  const targetValue =
    target && target.metric === metric ? (target.min ?? target.max ?? null) : null;
  const select = 'rounded border border-slate-300 px-1 py-0.5 text-sm';

  return (
    <section className="space-y-4" aria-label="benchmark">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Benchmark: mean ± sd over seeds">
          <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
            <label>
              workload{' '}
              <select
                className={select}
                value={workload}
                onChange={(e) => setWorkload(e.target.value)}
              >
                {report.workloads.map((w) => (
                  <option key={w.name}>{w.name}</option>
                ))}
              </select>
            </label>
            <label>
              metric{' '}
              <select className={select} value={metric} onChange={(e) => setMetric(e.target.value)}>
                {metrics.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            <label>
              x{' '}
              <select
                className={select}
                value={axis}
                onChange={(e) => setAxis(e.target.value as 'step' | 'wall')}
              >
                <option value="step">epochs</option>
                <option value="wall">seconds</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={logY} onChange={(e) => setLog(e.target.checked)} />{' '}
              log y
            </label>
            {target && (
              <span className="text-slate-500">
                target: {target.metric}{' '}
                {target.min !== undefined ? `≥ ${target.min}` : `≤ ${target.max}`}
              </span>
            )}
          </div>
          <BandChart
            bands={drawn}
            algorithms={report.algorithms}
            xLabel={axis === 'step' ? 'epoch' : 'seconds'}
            yLabel={metric}
            logY={logY}
            target={targetValue}
          />
          <Legend algorithms={report.algorithms} />
        </Card>
        <Card title="Performance profiles (AlgoPerf)">
          <div className="mb-2 text-sm">
            <label>
              measure{' '}
              <select
                className={select}
                value={measure}
                onChange={(e) => setMeasure(e.target.value as 'seconds' | 'steps')}
              >
                <option value="seconds">seconds to target</option>
                <option value="steps">epochs to target</option>
              </select>
            </label>
          </div>
          <ProfileChart
            profiles={report.profiles[measure]}
            algorithms={report.algorithms}
            measure={measure === 'seconds' ? 'seconds' : 'epochs'}
          />
          <ul className="mt-2 flex flex-wrap gap-4 text-sm" data-testid="profile-scores">
            {report.profiles[measure].map((p) => (
              <li key={p.algorithm}>
                <Swatch color={algorithmColor(report.algorithms, p.algorithm)} /> {p.algorithm}{' '}
                <span className="tabular-nums">{p.score.toFixed(3)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">
            Score: the area under ρ(τ) for τ in [1, 4], divided by 3 (Dahl et al. 2023): 1 is the
            fastest on every workload; a workload missed counts as infinitely slow.
          </p>
        </Card>
      </div>
      <Card title="Time to target">
        <TimeToTargetTable
          sweepId={sweepId}
          rows={report.rows}
          metricOf={(w) => report.workloads.find((x) => x.name === w)?.metric ?? ''}
        />
      </Card>
    </section>
  );
}

function Swatch({ color }: { color: string }) {
  return <span className="inline-block h-2 w-3 rounded-sm" style={{ background: color }} />;
}

function Legend({ algorithms }: { algorithms: readonly string[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-3 text-xs">
      {algorithms.map((a) => (
        <li key={a}>
          <Swatch color={algorithmColor(algorithms, a)} /> {a}
        </li>
      ))}
    </ul>
  );
}
