import type { BenchmarkSpec } from '../spec.js';

// A benchmark as the tuner sees it: a grid over its (algorithm, workload, seed[, lrFactor]), so
// the one sweep loop runs it like any grid sweep. Browser-safe.

/** The trial parameters of a benchmark, by name. */
export const BENCHMARK_PARAMS = ['algorithm', 'workload', 'seed', 'lrFactor'] as const;

/** Categorical parameters over the benchmark's names, seeds 0..seeds-1, and its lr factors. */
export function benchmarkSpace(b: BenchmarkSpec): Record<string, Record<string, unknown>> {
  return {
    algorithm: { type: 'categorical', choices: Object.keys(b.algorithms) },
    workload: { type: 'categorical', choices: Object.keys(b.workloads) },
    seed: { type: 'categorical', choices: Array.from({ length: b.seeds }, (_, i) => i) },
    ...(b.lrFactors && { lrFactor: { type: 'categorical', choices: [...new Set(b.lrFactors)] } }),
  };
}

/** Which combination a trial of a benchmark runs, from its parameters. */
export interface BenchmarkCell {
  algorithm: string;
  workload: string;
  seed: number;
  lrFactor: number;
}

export function benchmarkCellOf(params: Readonly<Record<string, unknown>>): BenchmarkCell {
  const { algorithm, workload, seed, lrFactor } = params;
  if (typeof algorithm !== 'string' || typeof workload !== 'string' || typeof seed !== 'number') {
    throw new Error(
      `a benchmark trial's params name its algorithm, workload and seed, got ${JSON.stringify(params)}`,
    );
  }
  return { algorithm, workload, seed, lrFactor: typeof lrFactor === 'number' ? lrFactor : 1 };
}
