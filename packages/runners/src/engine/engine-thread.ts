// A pooled worker thread that trains trials with the built-in engine, one at a time, so the
// CPU-bound epochs never block the caller's event loop (heartbeats, lock renewals, other trials'
// reports, the CLI's progress). It stays for the next trial: bundled data sets load once per thread.
import { parentPort } from 'node:worker_threads';
import {
  ModelLimitError,
  train,
  validateConfig,
  type EpochMetrics,
  type ModelLimits,
  type TrainResult,
} from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import { loadTrialDataset } from '../datasets/load-dataset.js';
import type { DataFiles } from '../datasets/data-files.js';
import { describeError, outOfMemory } from '../trial-runner.js';

/** One trial to train. Settings come with it, not from the thread's env, which a pool keeps. */
export interface EngineRun {
  type: 'run';
  /** The trial's whole config (engineConfigOf), validated here. */
  config: object;
  resumeFrom: Uint8Array | null;
  /** Whether each epoch's message carries a checkpoint (the caller keeps them). */
  checkpoints: boolean;
  files: DataFiles;
  /** The limits sweep creation checked against, so a raised limit holds on the workers too. */
  modelLimits: ModelLimits;
}

/** The caller's answer to an 'epoch' message. */
export interface EngineDecision {
  type: 'decision';
  stop: boolean;
}

export type EngineRequest = EngineRun | EngineDecision;

export type EngineReply =
  | { type: 'epoch'; metrics: EpochMetrics; checkpoint: Uint8Array | null }
  | { type: 'done'; result: Omit<TrainResult, 'curves'> }
  | { type: 'error'; error: string };

const port = parentPort;
if (!port) throw new Error('engine-thread.js runs as a worker thread');
const post = (reply: EngineReply) => port.postMessage(reply);
let answer: ((stop: boolean) => void) | null = null;

port.on('message', (m: EngineRequest) => {
  if (m.type === 'decision') return answer?.(m.stop);
  void run(m).catch((err: unknown) => {
    const error = isOutOfMemory(err) ? outOfMemory(describeError(err)) : describeError(err);
    post({ type: 'error', error });
  });
});

async function run(m: EngineRun): Promise<void> {
  const config = validateConfig(m.config);
  const dataset = loadTrialDataset(config, m.files);
  const { curves: _curves, ...result } = await train(config, dataset, {
    // a config with parallel.workers > 1 trains on that many worker threads
    threads: nodeShardThreads(),
    ...(m.resumeFrom ? { resumeFrom: m.resumeFrom } : {}),
    modelLimits: m.modelLimits,
    onEpoch: (metrics, { checkpoint }) =>
      new Promise<'stop' | undefined>((resolve) => {
        answer = (stop) => resolve(stop ? 'stop' : undefined);
        post({ type: 'epoch', metrics, checkpoint: m.checkpoints ? checkpoint() : null });
      }),
  });
  answer = null;
  post({ type: 'done', result });
}

/** Over the memory estimate's limit, or an allocation the runtime refused (typed arrays, Wasm memory). */
function isOutOfMemory(err: unknown): boolean {
  if (err instanceof ModelLimitError) return err.limit === 'memory';
  return err instanceof RangeError && /allocation failed|out of memory/i.test(err.message);
}
