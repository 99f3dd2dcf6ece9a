import { Worker } from 'node:worker_threads';
import type { TrainResult } from '@sweepwise/engine';
import { engineConfigOf, type EngineWorkload } from '@sweepwise/sweeps';
import type { EngineReply, EngineRequest } from './engine-protocol.js';
import type { TrialExecutor, TrialOutcome, TrialTask } from './executor.js';

/**
 * Runs `engine:` trials on a pool of worker threads, one trial per thread at a time, so training
 * (CPU-bound) never blocks the main thread that draws the progress and asks the stopping rules.
 * Threads are kept between trials: each loads its data set once (MNIST takes ~1.5 s to load),
 * which a short trial would otherwise pay every time.
 */
export function engineExecutor(
  workload: EngineWorkload,
  options: { capacity: number },
): TrialExecutor {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const threadFile = new URL('./engine-thread.js', import.meta.url);

  const take = (): Worker => {
    const thread = idle.pop() ?? new Worker(threadFile);
    all.add(thread);
    return thread;
  };

  return {
    capacity: options.capacity,
    run(task: TrialTask): Promise<TrialOutcome> {
      const config = engineConfigOf(workload, task.params);
      const thread = take();
      let steps = 0;
      let last: Record<string, number> = {};
      let ending: { status: 'pruned' | 'cancelled'; reason: string } | null = null;

      return new Promise<TrialOutcome>((resolve) => {
        const finish = (outcome: TrialOutcome, reusable: boolean) => {
          thread.off('message', onMessage);
          thread.off('error', onError);
          if (reusable) idle.push(thread);
          else {
            all.delete(thread);
            void thread.terminate();
          }
          resolve(outcome);
        };
        const reply = (decision: 'stop' | 'continue') =>
          thread.postMessage({ type: 'decision', decision } satisfies EngineRequest);

        const onMessage = (message: EngineReply) => {
          if (message.type === 'epoch') {
            steps += 1;
            last = { ...message.metrics };
            if (task.signal.aborted) {
              ending = { status: 'cancelled', reason: 'cancelled' };
              return reply('stop');
            }
            const step = message.metrics.epoch;
            task.onReport(step, last).then(
              (decision) => {
                if (decision === 'stop')
                  ending = {
                    status: 'pruned',
                    reason: `stopped by the stopping rule at epoch ${step}`,
                  };
                reply(decision);
              },
              (err: unknown) => {
                ending = { status: 'cancelled', reason: `report failed: ${String(err)}` };
                reply('stop');
              },
            );
          } else if (message.type === 'done') {
            const outcome = outcomeOf(message.result);
            finish(ending ? { ...outcome, ...ending } : outcome, true);
          } else {
            finish({ status: 'failed', metrics: last, steps, reason: message.message }, true);
          }
        };
        const onError = (err: Error) =>
          finish({ status: 'failed', metrics: last, steps, reason: err.message }, false);

        thread.on('message', onMessage);
        thread.on('error', onError);
        thread.postMessage({ type: 'run', config } satisfies EngineRequest);
      });
    },
    async close() {
      await Promise.all([...all].map((t) => t.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}

/**
 * A finished run as the sweep sees it. The metrics are the best epoch's (the weights the engine
 * keeps) and the model's cost figures; a run the stopping rule ended is pruned, a diverged one failed with where it diverged.
 */
function outcomeOf(result: TrainResult): TrialOutcome {
  const metrics: Record<string, number> = {
    epochs: result.epochs,
    best_epoch: result.bestEpoch,
    ...result.cost,
  };
  for (const [k, v] of Object.entries(result.metrics)) if (typeof v === 'number') metrics[k] = v;
  const reason = result.stopReason ?? null;
  switch (result.status) {
    case 'diverged':
      return { status: 'failed', metrics, steps: result.epochs, reason: reason ?? 'diverged' };
    case 'stopped':
      return { status: 'pruned', metrics, steps: result.epochs, reason };
    default:
      return { status: 'completed', metrics, steps: result.epochs, reason };
  }
}
