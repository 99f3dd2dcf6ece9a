import type { TrialConfig } from '../config.js';

// Data-parallel training: how many threads train one model, and how they combine their work.

/**
 * `sync`: every step, each worker computes the gradient of its shard of the batch, the gradients
 * are averaged and one step is taken (the same run as one thread with the same global batch).
 * `async`: HOGWILD! (Recht et al., 2011): each worker trains whole batches and writes its update
 * to the shared weights without locks; a gradient may be stale by the updates others made since.
 */
export const PARALLEL_MODES = ['sync', 'async'] as const;
export type ParallelMode = (typeof PARALLEL_MODES)[number];

/**
 * How `sync` averages: `allreduce` (reduce-scatter: worker i sums slice i of every worker's
 * gradient and updates slice i of the weights; no thread is central) or `parameter-server` (one
 * server thread sums all gradients and takes the step while the workers wait).
 */
export const PARALLEL_REDUCES = ['allreduce', 'parameter-server'] as const;
export type ParallelReduce = (typeof PARALLEL_REDUCES)[number];

export interface ParallelConfig {
  /** Threads that compute gradients; 1 trains in the calling thread. */
  workers: number;
  mode: ParallelMode;
  reduce: ParallelReduce;
}

export const PARALLEL_DEFAULTS: ParallelConfig = {
  workers: 1,
  mode: 'sync',
  reduce: 'allreduce',
};

/** More threads than this would be slower than fewer on any machine the platform runs on. */
export const MAX_PARALLEL_WORKERS = 64;

/** How many cores a run of this config keeps busy: the scheduler's slot count for its trial. */
export function threadsOf(config: { parallel: ParallelConfig }): number {
  return config.parallel.workers;
}

/**
 * The config on `cores` sync workers when that trains the same model, to float tolerance (a sync
 * run equals one thread at the same global batch): not async (HOGWILD is another training), not
 * with dropout (each worker draws its own masks) or batch norm (each normalizes its own shard).
 * Otherwise, or when the config already asks for as many, the config as it is.
 */
export function onCores<C extends Omit<TrialConfig, 'dataset'>>(config: C, cores: number): C {
  const workers = Math.min(cores, config.batchSize, MAX_PARALLEL_WORKERS);
  const sameModel =
    config.parallel.mode === 'sync' &&
    config.model.dropout === 0 &&
    !config.model.layers.some((l) => 'batchNorm' in l && l.batchNorm) &&
    config.crossValidation === null;
  if (!sameModel || workers <= config.parallel.workers) return config;
  return { ...config, parallel: { ...config.parallel, workers } };
}
