import { UsageError } from '../args.js';

interface Benchmark {
  run(options: { json: boolean; args: string[] }): Promise<void>;
}

/** The benchmarks, one per file in ../bench, loaded only when run. */
const REGISTRY: Record<string, () => Promise<Benchmark>> = {
  engine: () => import('../bench/engine.js'),
  'mnist-cnn': () => import('../bench/mnist-cnn.js'),
  tuner: () => import('../bench/tuner.js'),
  multiobjective: () => import('../bench/multiobjective.js'),
  scheduler: () => import('../bench/scheduler.js'),
  pbt: () => import('../bench/pbt.js'),
  dashboard: () => import('../bench/dashboard.js'),
  stopping: () => import('../bench/stopping.js'),
};
export const BENCHMARKS = Object.keys(REGISTRY);

/** `sweepwise bench NAME [options...]`: each benchmark parses its own options. */
export async function bench(name: string, args: string[]): Promise<void> {
  const load = Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined;
  if (!load)
    throw new UsageError(`unknown benchmark "${name}"; benchmarks: ${BENCHMARKS.join(', ')}`);
  const json = args.includes('--json');
  await (await load()).run({ json, args: args.filter((a) => a !== '--json') });
}
