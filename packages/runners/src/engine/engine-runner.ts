import { Worker } from 'node:worker_threads';
import { modelLimitsFromEnv } from '@sweepwise/engine';
import { engineConfigOf } from '@sweepwise/sweeps';
import { dataFilesFromEnv } from '../datasets/data-files.js';
import { outOfMemory, type TrialOutcome, type TrialRunner } from '../trial-runner.js';
import type { EngineReply, EngineRequest } from './engine-thread.js';

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
 * Engine threads kept between trials, so a thread's loaded data sets serve the next trial (MNIST
 * takes ~1.5 s to load). A thread that was terminated (an abort, its heap cap) is not kept; idle
 * ones do not keep the process alive.
 */
interface IdleThread {
  thread: Worker;
  heapMb: number;
  /** Drops the thread from the pool if it dies while idle (its error has no trial to fail). */
  onError(): void;
  onExit(): void;
}

class EngineThreadPool {
  private readonly idle: IdleThread[] = [];

  take(heapMb: number): Worker {
    const i = this.idle.findIndex((t) => t.heapMb === heapMb);
    if (i < 0) {
      // Over its heap the thread is stopped (ERR_WORKER_OUT_OF_MEMORY); this process lives on.
      return new Worker(THREAD_FILE, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    }
    const [kept] = this.idle.splice(i, 1);
    kept.thread.off('error', kept.onError).off('exit', kept.onExit).ref();
    return kept.thread;
  }

  give(thread: Worker, heapMb: number): void {
    const kept: IdleThread = {
      thread,
      heapMb,
      onError: () => {},
      onExit: () => {
        const i = this.idle.indexOf(kept);
        if (i >= 0) this.idle.splice(i, 1);
      },
    };
    thread.on('error', kept.onError).on('exit', kept.onExit).unref();
    this.idle.push(kept);
  }

  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    await Promise.all(idle.map(({ thread }) => thread.terminate()));
  }
}

const pool = new EngineThreadPool();

/** Ends the idle engine threads (the running ones end with their trials). */
export function closeEngineThreads(): Promise<void> {
  return pool.close();
}

/**
 * Trains the sweep's base engine config with the trial's parameters (dotted paths) in a pooled
 * worker thread (k models when the config asks for cross-validation: each epoch reports the mean
 * across folds, with val_loss_std / val_acc_std, and one checkpoint holds every fold). Each epoch's
 * metrics are reported and checkpointed before the thread is told to go on, so a retry resumes
 * from the last finished epoch with every curve point stored.
 */
export const engineRunner: TrialRunner = {
  run({ sweep, trial, resumeFrom, signal }, io) {
    if (!('engine' in sweep.workload) || !sweep.workload.engine) {
      throw new Error('engineRunner needs an engine workload');
    }
    const heapMb = trialHeapMb(process.env);
    const request: EngineRequest = {
      type: 'run',
      // The trial's whole config (a benchmark's comes from its workload and algorithm), made here.
      config: engineConfigOf(sweep.workload, trial.params),
      resumeFrom: resumeFrom?.data ?? null,
      checkpoints: io.checkpoint !== undefined,
      files: dataFilesFromEnv(),
      modelLimits: modelLimitsFromEnv(process.env),
    };
    if (signal.aborted) throw new Error('trial aborted');
    const thread = pool.take(heapMb);
    const metric = sweep.objectiveMetric;
    let last: number | null = null;
    return new Promise<TrialOutcome>((resolve, reject) => {
      const onAbort = () => void thread.terminate();
      signal.addEventListener('abort', onAbort, { once: true });
      let settled = false;
      // A thread that finished its trial (or failed it with a message) is kept for the next.
      const settle = (r: TrialOutcome | Error, reusable = false) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        thread.off('error', onError).off('exit', onExit).off('message', onMessage);
        if (reusable && !signal.aborted) pool.give(thread, heapMb);
        else void thread.terminate();
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      const onError = (err: Error) => {
        if ((err as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return settle(err);
        const error = outOfMemory(
          `the engine thread went over its ${heapMb} MB heap (SWEEPWISE_TRIAL_HEAP_MB)`,
        );
        settle({ status: 'failed', value: null, metrics: {}, error });
      };
      const onExit = (code: number) => {
        if (signal.aborted) settle(new Error('trial aborted'));
        else settle(new Error(`the engine thread exited (code ${code}) before finishing`));
      };
      const onMessage = (m: EngineReply) => {
        if (m.type === 'error')
          return settle({ status: 'failed', value: null, metrics: {}, error: m.error }, true);
        if (m.type === 'done') return settle(outcomeOf(m.result, metric, last), true);
        const { epoch, ...values } = m.metrics;
        const numeric = Object.fromEntries(
          Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
        if (metric in numeric) last = numeric[metric];
        void (async () => {
          const decision = await io.report(epoch, numeric);
          if (m.checkpoint) await io.checkpoint?.(epoch, m.checkpoint);
          thread.postMessage({
            type: 'decision',
            stop: decision === 'stop',
          } satisfies EngineRequest);
        })().catch((err: unknown) => settle(err instanceof Error ? err : new Error(String(err))));
      };
      thread.on('error', onError).on('exit', onExit).on('message', onMessage);
      thread.postMessage(request);
    });
  },
};

/**
 * A finished run as the trial stores it: the best epoch's metrics (the weights the engine keeps),
 * the model's cost figures and how the run went; a diverged run fails saying where.
 */
function outcomeOf(
  result: Extract<EngineReply, { type: 'done' }>['result'],
  metric: string,
  last: number | null,
): TrialOutcome {
  const { status, metrics, stopReason, divergedAt } = result;
  if (status === 'diverged') {
    const where = divergedAt ? ` at epoch ${divergedAt.epoch}, step ${divergedAt.step}` : '';
    const error = `diverged${where}: ${stopReason ?? 'the loss became NaN or infinite'}`;
    return { status: 'failed', value: null, metrics: { ...result }, error };
  }
  // The objective may be a cost figure (param_count...), fixed by the model's shapes.
  const final: Record<string, number | undefined> = { ...metrics, ...result.cost };
  return {
    status: status === 'stopped' ? 'stopped' : 'completed',
    value: final[metric] ?? last,
    metrics: {
      ...metrics,
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      status,
      wall_s: result.wallTimeS,
      params: result.paramCount,
      ...result.cost,
      ...(stopReason ? { stopReason } : {}),
      // Cross-validated trials: each fold's values at the trial's best epoch.
      ...(result.folds && {
        folds: result.folds.map((f) => ({
          ...f.metrics,
          epochs: f.epochs,
          bestEpoch: f.bestEpoch,
          status: f.status,
        })),
      }),
    },
  };
}
