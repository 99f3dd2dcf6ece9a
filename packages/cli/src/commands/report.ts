import { existsSync, readFileSync } from 'node:fs';
import { getSweepOrThrow, loadBenchmarkTrials } from '@sweepwise/db';
import {
  benchmarkReport,
  benchmarkReportLines,
  benchmarkTrialOf,
  SweepSpec,
  sweepSpecOf,
  type BenchmarkReport,
  type BenchmarkSpec,
  type BenchmarkTrial,
  type SweepSpec as Spec,
} from '@sweepwise/sweeps';
import { UsageError } from '../args.js';
import type { SweepRunResult } from '../in-memory/run-sweep.js';
import { withDb } from './platform.js';

/** Curves a report reads: the targets' metrics, the losses and accuracies, and the clock. */
const CURVE_METRICS = ['train_loss', 'val_loss', 'train_acc', 'val_acc', 'wall_s'];

/**
 * `sweepwise report SWEEP`: a benchmark sweep's table (per workload and algorithm, seeds at
 * target, median epochs and seconds to it, final validation mean ± sd) and its performance
 * profile scores. SWEEP is a stored sweep's id, or a file `run --in-memory --json` wrote.
 */
export async function report(sweep: string, { json }: { json?: boolean }): Promise<void> {
  const result = existsSync(sweep) ? inMemoryReport(sweep) : await platformReport(sweep);
  if (json) {
    for (const line of benchmarkReportLines(result)) console.log(line);
    return;
  }
  for (const line of reportTable(result)) console.log(line);
}

function benchmarkOf(spec: Spec, where: string): BenchmarkSpec {
  if (!('engine' in spec.workload) || !spec.workload.benchmark)
    throw new UsageError(
      `${where} is not a benchmark sweep (workload.benchmark): nothing to report`,
    );
  return spec.workload.benchmark;
}

function inMemoryReport(file: string): BenchmarkReport {
  let saved: Partial<SweepRunResult> & { sweep?: unknown };
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved;
  } catch (err) {
    throw new UsageError(
      `${file}: not the JSON of sweepwise run --in-memory --json (${String(err)})`,
    );
  }
  if (!saved.sweep || !Array.isArray(saved.trials))
    throw new UsageError(
      `${file}: not the JSON of sweepwise run --in-memory --json (no sweep or trials)`,
    );
  const benchmark = benchmarkOf(SweepSpec.parse(saved.sweep), file);
  const trials: BenchmarkTrial[] = saved.trials.map((t) =>
    benchmarkTrialOf(
      {
        id: `local-${t.number}`,
        number: t.number,
        state: t.state,
        params: t.params,
        metrics: t.metrics ?? null,
      },
      t.curve ?? [],
    ),
  );
  return benchmarkReport(benchmark, trials);
}

function platformReport(sweepId: string): Promise<BenchmarkReport> {
  return withDb(async (db) => {
    const benchmark = benchmarkOf(
      sweepSpecOf(await getSweepOrThrow(db, sweepId)),
      `sweep ${sweepId}`,
    );
    const targets = Object.values(benchmark.workloads).map((w) => w.target.metric);
    const rows = await loadBenchmarkTrials(db, sweepId, [
      ...new Set([...CURVE_METRICS, ...targets]),
    ]);
    return benchmarkReport(
      benchmark,
      rows
        .filter((r) => r.state !== 'queued')
        .map((r) =>
          benchmarkTrialOf({ ...r, params: r.params as Record<string, unknown> }, r.steps),
        ),
    );
  });
}

const fixed = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));

/** The table a person reads: a row per (workload, algorithm), ✓/✗ per seed, then the scores. */
export function reportTable(r: BenchmarkReport): string[] {
  const header = [
    'workload',
    'algorithm',
    'lr×',
    'reached',
    'per seed',
    'median epochs',
    'median s',
    'final mean ± sd',
    'lr spread',
  ];
  const cells = r.rows.map((row) => {
    const target = r.workloads.find((w) => w.name === row.workload)!;
    return [
      row.workload,
      row.algorithm,
      String(row.lrFactor),
      `${row.reached}/${row.seeds.length}`,
      row.seeds.map((s) => (s.stepsToTarget === null ? '✗' : '✓')).join(''),
      fixed(row.medianStepsToTarget, 0),
      fixed(row.medianSecondsToTarget, 3),
      `${target.metric} ${fixed(row.finalValMean, 4)} ± ${fixed(row.finalValSd, 4)}`,
      fixed(row.sensitivitySpread, 4),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const targets = r.workloads
    .map((w) => `${w.name}: ${w.metric} ${w.min !== undefined ? `>= ${w.min}` : `<= ${w.max}`}`)
    .join('; ');
  const scores = (['seconds', 'steps'] as const).map(
    (m) =>
      `score by ${m === 'seconds' ? 'seconds' : 'epochs'} to target: ` +
      r.profiles[m].map((p) => `${p.algorithm} ${p.score.toFixed(3)}`).join(', '),
  );
  return [
    `targets: ${targets}`,
    line(header),
    ...cells.map(line),
    '',
    'performance profiles (AlgoPerf: area under rho(tau), tau in [1, 4], divided by 3; 1 = fastest everywhere)',
    ...scores,
  ];
}
