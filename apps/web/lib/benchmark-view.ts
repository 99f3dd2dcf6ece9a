import { loadBenchmarkTrials, type Db } from '@sweepwise/db';
import {
  bandOf,
  benchmarkReport,
  benchmarkTrialOf,
  type BandPoint,
  type BenchmarkReport,
  type BenchmarkSpec,
} from '@sweepwise/sweeps';

/** The curves a benchmark page draws: losses and accuracies, train and validation. */
export const BAND_METRICS = ['val_loss', 'train_loss', 'val_acc', 'train_acc'] as const;

export interface BenchmarkBand {
  workload: string;
  algorithm: string;
  metric: string;
  axis: 'step' | 'wall';
  points: BandPoint[];
}

/** What the benchmark panel draws: the report and, per (workload, algorithm), its bands. */
export interface BenchmarkView {
  report: BenchmarkReport;
  bands: BenchmarkBand[];
}

/**
 * A benchmark sweep's report and mean ± sd bands (over steps and wall time, per metric) of each
 * (workload, algorithm) at the learning-rate factor its row reports, from the stored trials.
 */
export async function loadBenchmarkView(
  db: Db,
  sweepId: string,
  benchmark: BenchmarkSpec,
): Promise<BenchmarkView> {
  const targets = Object.values(benchmark.workloads).map((w) => w.target.metric);
  const rows = await loadBenchmarkTrials(db, sweepId, [
    ...new Set([...BAND_METRICS, ...targets, 'wall_s']),
  ]);
  const trials = rows
    .filter((r) => r.state !== 'queued')
    .map((r) => benchmarkTrialOf({ ...r, params: r.params as Record<string, unknown> }, r.steps));
  const report = benchmarkReport(benchmark, trials);
  const bands: BenchmarkBand[] = report.rows.flatMap((row) => {
    const mine = trials.filter(
      (t) =>
        t.workload === row.workload && t.algorithm === row.algorithm && t.lrFactor === row.lrFactor,
    );
    return BAND_METRICS.flatMap((metric) =>
      (['step', 'wall'] as const).map((axis) => ({
        workload: row.workload,
        algorithm: row.algorithm,
        metric,
        axis,
        points: bandOf(mine, metric, axis),
      })),
    ).filter((b) => b.points.length > 0);
  });
  return { report, bands };
}
