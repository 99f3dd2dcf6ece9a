import type { BenchmarkSpec } from '../spec.js';
import {
  benchmarkRows,
  performanceProfiles,
  type BenchmarkPoint,
  type BenchmarkRow,
  type BenchmarkTrial,
  type PerformanceProfile,
} from './analysis.js';
import { benchmarkCellOf } from './benchmark-space.js';

// A benchmark sweep's report, for the CLI (table and JSON lines) and the dashboard, from its
// trials as either store keeps them. Browser-safe.

/** What a benchmark sweep found: one row per (workload, algorithm), profiles by time and by steps. */
export interface BenchmarkReport {
  workloads: { name: string; metric: string; min?: number; max?: number }[];
  algorithms: string[];
  rows: BenchmarkRow[];
  /** AlgoPerf's profile over seconds to target (its measure), and over epochs. */
  profiles: { seconds: PerformanceProfile[]; steps: PerformanceProfile[] };
}

/**
 * The report of a benchmark's trials. Names are in alphabetical order: a stored spec (jsonb) does
 * not keep the order the file wrote them in, and the two stores must read the same.
 */
export function benchmarkReport(
  b: BenchmarkSpec,
  trials: readonly BenchmarkTrial[],
): BenchmarkReport {
  const workloads = Object.entries(b.workloads)
    .map(([name, w]) => ({ name, ...w.target }))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
  const algorithms = Object.keys(b.algorithms).sort();
  const rows = benchmarkRows(
    workloads.map((w) => ({ name: w.name, target: w })),
    algorithms,
    trials,
  );
  const names = workloads.map((w) => w.name);
  const profile = (time: (r: BenchmarkRow) => number | null) =>
    performanceProfiles(
      names,
      algorithms,
      rows.map((r) => ({ workload: r.workload, algorithm: r.algorithm, time: time(r) })),
    );
  return {
    workloads,
    algorithms,
    rows,
    profiles: {
      seconds: profile((r) => r.medianSecondsToTarget),
      steps: profile((r) => r.medianStepsToTarget),
    },
  };
}

/**
 * The report as JSON lines: one per (workload, algorithm) with exactly these fields (a contract
 * for scripts), then one per profile measure and algorithm with its score and ρ's steps.
 */
export function benchmarkReportLines(report: BenchmarkReport): string[] {
  const rows = report.rows.map((r) =>
    JSON.stringify({
      workload: r.workload,
      algorithm: r.algorithm,
      seeds: r.seeds.length,
      reached: r.reached,
      median_steps_to_target: r.medianStepsToTarget,
      median_seconds_to_target: r.medianSecondsToTarget,
      final_val_mean: r.finalValMean,
      final_val_sd: r.finalValSd,
    }),
  );
  const profiles = (['seconds', 'steps'] as const).flatMap((measure) =>
    report.profiles[measure].map((p) =>
      JSON.stringify({
        profile: measure,
        algorithm: p.algorithm,
        score: p.score,
        rho: p.steps.map((s) => [s.tau, s.rho]),
      }),
    ),
  );
  return [...rows, ...profiles];
}

/** A stored trial as a benchmark reads it: its params name its cell. */
export interface StoredBenchmarkTrial {
  id: string;
  number: number;
  state: string;
  params: Readonly<Record<string, unknown>>;
  metrics: unknown;
}

/**
 * A trial of a benchmark with its curve, from per-step metrics (each step's wall_s is when it
 * ended): how the CLI and the dashboard hand stored trials to the report.
 */
export function benchmarkTrialOf(
  trial: StoredBenchmarkTrial,
  steps: readonly { step: number; metrics: Readonly<Record<string, number>> }[],
): BenchmarkTrial {
  const curve: BenchmarkPoint[] = [...steps]
    .sort((a, b) => a.step - b.step)
    .map((s) => ({ step: s.step, wallS: s.metrics.wall_s ?? NaN, metrics: s.metrics }));
  const final =
    trial.metrics && typeof trial.metrics === 'object'
      ? Object.fromEntries(
          Object.entries(trial.metrics).filter(
            (e): e is [string, number] => typeof e[1] === 'number',
          ),
        )
      : null;
  return {
    id: trial.id,
    number: trial.number,
    state: trial.state,
    ...benchmarkCellOf(trial.params),
    curve,
    final,
  };
}
