import { parentPort } from 'node:worker_threads';
import { train, validateConfig } from '@sweepwise/engine';
import { nodeShardThreads } from '@sweepwise/engine/threads';
import { dataFilesFromEnv, loadTrialDataset } from '@sweepwise/runners';
import type { EngineReply, EngineRequest } from './engine-protocol.js';

/**
 * One training thread: runs one trial at a time for the pool, posting each epoch's metrics and
 * waiting for the stopping rule's answer before the next epoch.
 */
const port = parentPort;
if (!port) throw new Error('engine-thread must run in a worker thread');

let answer: ((decision: 'stop' | 'continue') => void) | null = null;
const post = (message: EngineReply) => port.postMessage(message);

port.on('message', (message: EngineRequest) => {
  if (message.type === 'decision') {
    answer?.(message.decision);
    answer = null;
    return;
  }
  void runTrial(message.config);
});

async function runTrial(config: object): Promise<void> {
  try {
    const valid = validateConfig(config);
    const result = await train(valid, loadTrialDataset(valid, dataFilesFromEnv()), {
      // a config with parallel.workers > 1 trains on that many worker threads
      threads: nodeShardThreads(),
      onEpoch: (metrics) =>
        new Promise<'stop' | undefined>((resolve) => {
          answer = (decision) => resolve(decision === 'stop' ? 'stop' : undefined);
          post({ type: 'epoch', metrics });
        }),
    });
    // Curves are already known epoch by epoch; the pool needs only the summary.
    post({ type: 'done', result: { ...result, curves: [] } });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
