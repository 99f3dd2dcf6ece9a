import { Worker } from 'node:worker_threads';
import { engineConfigOf } from '@sweepwise/sweeps';
import type { EngineThreadInput, EngineThreadMessage } from './engine-thread.js';
import { outOfMemory, type RunResult, type TrialRunner } from './trial-runner.js';

const THREAD_FILE = new URL('./engine-thread.js', import.meta.url);

/**
 * The JS heap of a trial's engine thread, in MB (SWEEPWISE_TRIAL_HEAP_MB): room for parsing a
 * data file at its size cap. The weights live outside it (typed arrays, Wasm memory), bounded by
 * the engine's memory estimate (SWEEPWISE_MAX_MODEL_BYTES) instead.
 */
export const TRIAL_HEAP_MB = 2048;

export function trialHeapMb(env: NodeJS.ProcessEnv): number {
  const raw = env.SWEEPWISE_TRIAL_HEAP_MB;
  if (raw === undefined || raw === '') return TRIAL_HEAP_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 16) {
    throw new Error(`SWEEPWISE_TRIAL_HEAP_MB must be an integer >= 16, got ${JSON.stringify(raw)}`);
  }
  return mb;
}

/**
 * Trains the sweep's base engine config with the trial's parameters (dotted paths) in a worker
 * thread of its own (k models when the config asks for cross-validation: each epoch reports the
 * mean across folds, with val_loss_std / val_acc_std, and one checkpoint holds every fold). Each epoch's metrics are reported and checkpointed before the thread is told
 * to go on, so a retry resumes from the last finished epoch with every curve point stored.
 */
export const engineRunner: TrialRunner = {
  run({ sweep, trial, resumeFrom, signal }, io) {
    if (!('engine' in sweep.workload) || !sweep.workload.engine) {
      throw new Error('engineRunner needs an engine workload');
    }
    // The trial's whole config (a benchmark's comes from its workload and algorithm), made here.
    const input: EngineThreadInput = {
      base: engineConfigOf(sweep.workload, trial.params) as Record<string, unknown>,
      params: {},
      resumeFrom: resumeFrom?.data ?? null,
    };
    const heapMb = trialHeapMb(process.env);
    // Over its heap the thread is stopped (ERR_WORKER_OUT_OF_MEMORY); this process lives on.
    const thread = new Worker(THREAD_FILE, {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    const metric = sweep.objectiveMetric;
    let last: number | null = null;
    return new Promise<RunResult>((resolve, reject) => {
      const onAbort = () => void thread.terminate();
      signal.addEventListener('abort', onAbort, { once: true });
      let settled = false;
      const settle = (r: RunResult | Error) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        void thread.terminate();
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      thread.on('error', (err) => {
        if ((err as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return settle(err);
        const error = outOfMemory(
          `the engine thread went over its ${heapMb} MB heap (SWEEPWISE_TRIAL_HEAP_MB)`,
        );
        settle({ status: 'failed', value: null, metrics: {}, error });
      });
      thread.on('exit', (code) => {
        if (signal.aborted) settle(new Error('trial aborted'));
        else settle(new Error(`the engine thread exited (code ${code}) before finishing`));
      });
      thread.on('message', (m: EngineThreadMessage) => {
        if (m.type === 'error')
          return settle({ status: 'failed', value: null, metrics: {}, error: m.error });
        if (m.type === 'done') {
          const { status, metrics, stopReason, divergedAt } = m.result;
          if (status === 'diverged') {
            const where = divergedAt
              ? ` at epoch ${divergedAt.epoch}, step ${divergedAt.step}`
              : '';
            const error = `diverged${where}: ${stopReason ?? 'the loss became NaN or infinite'}`;
            return settle({ status: 'failed', value: null, metrics: { ...m.result }, error });
          }
          // The objective may be a cost figure (param_count...), fixed by the model's shapes.
          const final: Record<string, number | undefined> = { ...metrics, ...m.result.cost };
          const best = final[metric];
          return settle({
            status: status === 'stopped' ? 'stopped' : 'completed',
            value: best ?? last,
            metrics: {
              ...metrics,
              epochs: m.result.epochs,
              bestEpoch: m.result.bestEpoch,
              status,
              wall_s: m.result.wallTimeS,
              params: m.result.paramCount,
              ...m.result.cost,
              ...(stopReason ? { stopReason } : {}),
              // Cross-validated trials: each fold's values at the trial's best epoch.
              ...(m.result.folds && {
                folds: m.result.folds.map((f) => ({
                  ...f.metrics,
                  epochs: f.epochs,
                  bestEpoch: f.bestEpoch,
                  status: f.status,
                })),
              }),
            },
          });
        }
        const { epoch, ...values } = m.metrics;
        const numeric = Object.fromEntries(
          Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
        if (metric in numeric) last = numeric[metric];
        void (async () => {
          const decision = await io.report(epoch, numeric);
          await io.checkpoint(epoch, m.checkpoint);
          thread.postMessage({ stop: decision === 'stop' });
        })().catch((err: unknown) => settle(err instanceof Error ? err : new Error(String(err))));
      });
    });
  },
};
