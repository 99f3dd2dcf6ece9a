// @sweepwise/engine/threads: the engine's one Node-only entry. The core stays importable anywhere
// (browsers included) because it starts no threads; it asks for a SpawnShardThread. This entry is
// Node's: worker_threads, with the worker's entry file shipped beside it, so every Node caller
// (trial runners, promotion, the CLI and its benchmark) gets the same threads without knowing
// where that file lives. scripts/check-boundaries.mjs allows node:worker_threads here and only here.
import { Worker } from 'node:worker_threads';
import type { ShardInit, ShardThread, SpawnShardThread } from '../parallel/shard-thread.js';

const ENTRY = new URL('./worker-entry.js', import.meta.url);

/**
 * Starts each worker of a parallel run as a Node worker thread. `entry` is the compiled worker
 * entry file (tests running the TypeScript sources point it at the build).
 */
export function nodeShardThreads(entry: URL = ENTRY): SpawnShardThread {
  return (init: ShardInit): ShardThread => {
    const worker = new Worker(entry, { workerData: init });
    let terminating = false;
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onFailure: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => {
          if (!terminating) listener(new Error(`a shard worker thread exited (code ${code})`));
        });
      },
      terminate: async () => {
        terminating = true;
        await worker.terminate();
      },
    };
  };
}
