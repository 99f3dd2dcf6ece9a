// A worker thread that trains one trial with the built-in engine, so the CPU-bound epochs never
// block the worker's event loop (heartbeats, lock renewals, other trials' reports).
import { parentPort, workerData } from 'node:worker_threads';
import {
  ModelLimitError,
  modelLimitsFromEnv,
  train,
  validateConfig,
  withParams,
  type EpochMetrics,
  type TrainResult,
} from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import { dataFilesFromEnv, loadTrialDataset } from '@sweepwise/runners';
import { describeError, outOfMemory } from './trial-runner.js';

export interface EngineThreadInput {
  base: Record<string, unknown>;
  params: Record<string, unknown>;
  resumeFrom: Uint8Array | null;
}

export type EngineThreadMessage =
  | { type: 'epoch'; metrics: EpochMetrics; checkpoint: Uint8Array }
  | { type: 'done'; result: Omit<TrainResult, 'curves'> }
  | { type: 'error'; error: string };

/** The main thread's answer to an 'epoch' message. */
export interface EngineThreadDecision {
  stop: boolean;
}

const port = parentPort;
if (!port) throw new Error('engine-thread.js runs as a worker thread');
const input = workerData as EngineThreadInput;
let answer: ((stop: boolean) => void) | null = null;
port.on('message', (m: EngineThreadDecision) => answer?.(m.stop));

async function main(): Promise<void> {
  const config = validateConfig(withParams(input.base, input.params));
  const dataset = loadTrialDataset(config, dataFilesFromEnv());
  const { curves: _curves, ...result } = await train(config, dataset, {
    // a config with parallel.workers > 1 trains on that many worker threads
    threads: nodeShardThreads(),
    ...(input.resumeFrom ? { resumeFrom: input.resumeFrom } : {}),
    // The limits sweep creation checked against, so a raised limit holds on the workers too.
    modelLimits: modelLimitsFromEnv(process.env),
    onEpoch: (metrics, { checkpoint }) =>
      new Promise<'stop' | undefined>((resolve) => {
        answer = (stop) => resolve(stop ? 'stop' : undefined);
        const message: EngineThreadMessage = { type: 'epoch', metrics, checkpoint: checkpoint() };
        port!.postMessage(message);
      }),
  });
  port!.postMessage({ type: 'done', result } satisfies EngineThreadMessage);
}

/** Over the memory estimate's limit, or an allocation the runtime refused (typed arrays, Wasm memory). */
function isOutOfMemory(err: unknown): boolean {
  if (err instanceof ModelLimitError) return err.limit === 'memory';
  return err instanceof RangeError && /allocation failed|out of memory/i.test(err.message);
}

main().catch((err: unknown) => {
  const error = isOutOfMemory(err) ? outOfMemory(describeError(err)) : describeError(err);
  port.postMessage({ type: 'error', error } satisfies EngineThreadMessage);
});
