import { pickBestTrial } from '@sweepwise/db';
import {
  describeError,
  setLongTimeout,
  trialSweepOf,
  type TrialOutcome,
  type TrialRunner,
} from '@sweepwise/runners';
import {
  InMemoryTrialStore,
  SweepLoop,
  systemClock,
  tellOf,
  type InMemoryTrial,
  type SweepSpec,
} from '@sweepwise/sweeps';
import type { Params } from '@sweepwise/tuner';

/**
 * A sweep run in this process: the sweep loop of @sweepwise/sweeps (the platform's) over an
 * in-memory trial store, its queue running each trial at once with the platform's runner
 * (@sweepwise/runners). No database, no queue.
 */

export type TrialViewState = 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';

/** A trial as the terminal shows it. */
export interface TrialView {
  number: number;
  params: Params;
  state: TrialViewState;
  /** The objective: final when completed, the latest report otherwise. */
  value: number | null;
  step: number | null;
  steps: number;
  reason: string | null;
  startedAt: number;
  finishedAt: number | null;
  /**
   * Every step's metrics as reported (an engine epoch's include wall_s), in step order, and the
   * final metrics (null while it runs): an in-memory run keeps them for `sweepwise report`.
   */
  curve?: { step: number; metrics: Record<string, number> }[];
  metrics?: Record<string, number> | null;
}

export type SweepEvent =
  | { type: 'trial-started'; trial: TrialView }
  | { type: 'trial-reported'; trial: TrialView }
  | { type: 'trial-finished'; trial: TrialView };

export type SweepEnd = 'budget' | 'exhausted' | 'wall-time' | 'cancelled' | 'failed';

export interface SweepRunResult {
  trials: TrialView[];
  best: TrialView | null;
  /** Steps (epochs) run over all trials: the cost early stopping saves. */
  stepsUsed: number;
  wallS: number;
  ended: SweepEnd;
  /** Why a sweep ended `failed` (budget.maxFailedTrials failures, the last one's error), else null. */
  error: string | null;
  /** As the platform stores them: every stop, and continues at step 1 and every 10th step. */
  stopDecisions: StopDecisionView[];
}

export interface StopDecisionView {
  number: number;
  step: number;
  rule: string;
  decision: 'stop' | 'continue';
  reason: string;
}

export interface RunSweepOptions {
  /** Runs each trial: the workload's runner (runnerFor), as a worker would. */
  runner: TrialRunner;
  /** Trials at once (default: the sweep's maxConcurrentTrials). */
  parallel?: number;
  signal?: AbortSignal;
  onEvent?(event: SweepEvent): void;
}

export async function runSweep(body: SweepSpec, options: RunSweepOptions): Promise<SweepRunResult> {
  const { runner } = options;
  const metric = body.metric.name;
  const store = new InMemoryTrialStore();
  const running = new Set<Promise<void>>();
  const loop = new SweepLoop(body, {
    store,
    clock: systemClock,
    queue: {
      enqueue: (queued) => {
        for (const q of queued) {
          const trial = store.trials[q.number];
          const run = runTrial(trial).finally(() => running.delete(run));
          running.add(run);
        }
        return Promise.resolve();
      },
    },
  });
  loop.budget = {
    ...body.budget,
    maxConcurrentTrials: options.parallel ?? body.budget.maxConcurrentTrials,
  };
  const sweep = trialSweepOf('in-memory', body);

  const started = Date.now();
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let ended: SweepEnd = 'budget';
  let failure: string | null = null;
  const maxWallTimeS = body.budget.maxWallTimeS;
  const wallTimer =
    maxWallTimeS === null
      ? undefined
      : setLongTimeout(() => {
          ended = 'wall-time';
          cancel.abort();
        }, maxWallTimeS * 1000);

  const trials: TrialView[] = [];
  const emit = (type: SweepEvent['type'], trial: TrialView) =>
    options.onEvent?.({ type, trial } as SweepEvent);

  async function runTrial(trial: InMemoryTrial): Promise<void> {
    const { id, number, params, tunerTrialId } = trial;
    const view: TrialView = {
      number,
      params,
      state: 'running',
      value: null,
      step: null,
      steps: 0,
      reason: null,
      startedAt: Date.now(),
      finishedAt: null,
      curve: [],
      metrics: null,
    };
    trials.push(view);
    emit('trial-started', view);
    let stopReason: string | null = null;
    const outcome = await runner
      .run(
        {
          sweep,
          trial: { id, number, params, attempt: 1 },
          resumeFrom: null,
          signal: cancel.signal,
        },
        {
          report: async (step, metrics) => {
            view.steps += 1;
            view.curve!.push({ step, metrics: { ...metrics } });
            if (cancel.signal.aborted) return 'stop';
            const value = metrics[metric];
            if (value === undefined) return 'continue';
            view.value = value;
            view.step = step;
            emit('trial-reported', view);
            // As a worker does: without a stopping rule there is nothing to ask.
            if (!sweep.hasStopper) return 'continue';
            const [decision] = await loop.decide([{ trialId: id, tunerTrialId, step, value }]);
            if (!decision.stop) return 'continue';
            stopReason = decision.reason;
            return 'stop';
          },
        },
      )
      .catch((err: unknown): TrialOutcome => ({
        status: 'failed',
        value: null,
        metrics: {},
        error: describeError(err),
      }));
    // Final metrics as the loop reads them: the numbers (the engine adds its status, folds...).
    const metrics = Object.fromEntries(
      Object.entries(outcome.metrics).filter(
        (e): e is [string, number] => typeof e[1] === 'number',
      ),
    );
    view.finishedAt = Date.now();
    view.metrics = metrics;
    // Stopped by the stopping rule: pruned; stopped or aborted otherwise: cancelled (Ctrl-C, the
    // wall time); the engine's own early stopping is a completed trial that says why it ended.
    const engineStop = outcome.metrics.stopReason;
    if (outcome.status === 'completed') view.state = 'completed';
    else if (outcome.status === 'stopped' && stopReason !== null) view.state = 'pruned';
    else if (outcome.status === 'stopped' || cancel.signal.aborted) view.state = 'cancelled';
    else view.state = 'failed';
    view.reason =
      stopReason ??
      (view.state === 'cancelled' ? 'cancelled' : null) ??
      outcome.error ??
      (typeof engineStop === 'string' ? engineStop : null);
    const value = metrics[metric];
    if (view.state === 'completed') {
      const told = tellOf(body, null, metrics);
      if ('result' in told) view.value = value;
      else {
        view.state = 'failed';
        view.reason = `the trial never reported ${told.missing}`;
      }
    }
    loop.tell([
      {
        tunerTrialId,
        state: view.state,
        value: view.state === 'completed' ? view.value : null,
        metrics,
        error: view.reason,
      },
    ]);
    emit('trial-finished', view);
    // Too many failures: the sweep ends as failed, its running trials cancelled, as on the platform.
    if (loop.failedOut && !failure) {
      failure = loop.failedOut;
      cancel.abort();
    }
  }

  try {
    for (;;) {
      const allocated = cancel.signal.aborted ? [] : await loop.allocate();
      // A quick trial may have ended while it was being allocated: ask again then.
      if (running.size > 0) await Promise.race(running);
      else if (allocated.length === 0) break;
    }
    if (loop.isExhausted) ended = 'exhausted';
  } finally {
    wallTimer?.clear();
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.allSettled(running);
  }
  if (options.signal?.aborted) ended = 'cancelled';
  else if (failure) ended = 'failed';

  trials.sort((a, b) => a.number - b.number);
  return {
    trials,
    best: bestTrial(trials, body),
    stepsUsed: trials.reduce((sum, t) => sum + t.steps, 0),
    wallS: (Date.now() - started) / 1000,
    ended,
    error: failure,
    stopDecisions: store.stopDecisions
      .map((d) => ({
        number: Number(d.trialId.slice('local-'.length)),
        step: d.step,
        rule: d.rule,
        decision: d.decision,
        reason: d.reason,
      }))
      .sort((a, b) => a.number - b.number || a.step - b.step),
  };
}

/**
 * The completed trial with the best objective (the platform's rule: finite values within the
 * sweep's constraints, ties to the lower number).
 */
export function bestTrial(
  trials: readonly TrialView[],
  spec: Pick<SweepSpec, 'metric' | 'constraints'>,
): TrialView | null {
  return (
    pickBestTrial(
      trials.filter((t) => t.state === 'completed'),
      spec.metric.goal,
      spec.constraints ?? [],
    ) ?? null
  );
}
