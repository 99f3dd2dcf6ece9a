// The entry file of a parallel run's worker thread (see index.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runShardWorker } from '../parallel/shard-worker.js';
import type { PeersMessage, ShardInit } from '../parallel/shard-thread.js';

const port = parentPort;
if (!port) throw new Error('worker-entry.js runs as a worker thread');
runShardWorker(workerData as ShardInit, {
  post: (message) => port.postMessage(message),
  onceMessage: (listener) => port.once('message', (m: PeersMessage) => listener(m)),
});
