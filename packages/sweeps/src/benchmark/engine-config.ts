import { validateConfig, withParams } from '@sweepwise/engine';
import type { EngineWorkload } from '../spec.js';
import { benchmarkCellOf } from './benchmark-space.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` laid on `base`: objects merge key by key, anything else (arrays too) replaces. */
export function mergeConfig(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isObject(v) && isObject(out[k]) ? mergeConfig(out[k], v) : structuredClone(v);
  return out;
}

/**
 * The engine config a trial of an engine sweep trains: the sweep's config with the trial's
 * parameters set (dotted paths); for a benchmark, the shared config under the trial's workload
 * and algorithm, with its seed, and its learning rate times its factor. The one place a trial's
 * config is made, for the worker, the in-memory run and the spec's checks.
 */
export function engineConfigOf(workload: EngineWorkload, params: Readonly<Json>): object {
  const b = workload.benchmark;
  if (!b) return withParams(workload.engine, params);
  const cell = benchmarkCellOf(params);
  const w = b.workloads[cell.workload];
  const a = b.algorithms[cell.algorithm];
  if (!w || !a) {
    throw new Error(
      `no ${w ? 'algorithm' : 'workload'} ${JSON.stringify(w ? cell.algorithm : cell.workload)} in the benchmark`,
    );
  }
  const config = mergeConfig(mergeConfig(workload.engine, w.engine), { ...a, seed: cell.seed });
  if (cell.lrFactor === 1) return config;
  // The factor scales the learning rate the algorithm trains with, its optimizer's default included.
  const lr = validateConfig(config).optimizer.lr * cell.lrFactor;
  return mergeConfig(config, { optimizer: { lr } });
}
