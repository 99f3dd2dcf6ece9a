import { pickBestTrial } from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps';
import { createStudy, type Params } from '@sweepwise/tuner';
import { setLongTimeout } from '@sweepwise/worker/dist/long-timeout.js';
import type { TrialExecutor, TrialOutcomeStatus } from './executor.js';

/**
 * A sweep run in this process: the tuner asks, an executor trains, the stopping rule judges each
 * report, the budget (trials, wall time) ends it. No database, no queue.
 */

export type TrialViewState = 'running' | TrialOutcomeStatus;

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
}

export type SweepEvent =
  | { type: 'trial-started'; trial: TrialView }
  | { type: 'trial-reported'; trial: TrialView }
  | { type: 'trial-finished'; trial: TrialView };

export type SweepEnd = 'budget' | 'exhausted' | 'wall-time' | 'cancelled';

export interface SweepRunResult {
  trials: TrialView[];
  best: TrialView | null;
  /** Steps (epochs) run over all trials: the cost early stopping saves. */
  stepsUsed: number;
  wallS: number;
  ended: SweepEnd;
}

export interface RunSweepOptions {
  executor: TrialExecutor;
  signal?: AbortSignal;
  onEvent?(event: SweepEvent): void;
}

export async function runSweep(body: SweepSpec, options: RunSweepOptions): Promise<SweepRunResult> {
  const { executor } = options;
  const metric = body.metric.name;
  const study = createStudy({
    space: body.parameters,
    direction: body.metric.goal,
    sampler: body.algorithm,
    ...(body.stopper && { stopper: body.stopper }),
    // Stop reasons read "val_loss 0.41 is worse than the median 0.30 of 9 trials at epoch 4".
    metricName: metric,
    stepName: 'engine' in body.workload ? 'epoch' : 'step',
  });

  const started = Date.now();
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let ended: SweepEnd = 'budget';
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

  async function runTrial(id: number, params: Params): Promise<void> {
    const view: TrialView = {
      number: id,
      params,
      state: 'running',
      value: null,
      step: null,
      steps: 0,
      reason: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    trials.push(view);
    emit('trial-started', view);
    let stopReason: string | null = null;
    const outcome = await executor.run({
      trialId: `local-${id}`,
      number: id,
      params,
      signal: cancel.signal,
      onReport: async (step, metrics) => {
        const value = metrics[metric];
        if (value === undefined) return 'continue';
        view.value = value;
        view.step = step;
        study.report(id, step, value);
        emit('trial-reported', view);
        const decision = study.shouldStop(id);
        if (!decision.stop) return 'continue';
        stopReason = decision.reason;
        return 'stop';
      },
    });
    view.steps = outcome.steps;
    view.finishedAt = Date.now();
    view.reason = stopReason ?? outcome.reason;
    view.state = outcome.status;
    const value = outcome.metrics[metric];
    if (outcome.status === 'completed') {
      if (typeof value === 'number') {
        view.value = value;
        study.tell(id, value);
      } else {
        view.state = 'failed';
        view.reason = `the trial never reported ${metric}`;
        study.tell(id, { state: 'failed' });
      }
    } else if (outcome.status === 'pruned') study.tell(id, { state: 'pruned' });
    else if (outcome.status === 'failed') study.tell(id, { state: 'failed' });
    emit('trial-finished', view);
  }

  const running = new Set<Promise<void>>();
  let asked = 0;
  try {
    for (;;) {
      while (running.size < executor.capacity && asked < body.budget.maxTrials) {
        if (cancel.signal.aborted) break;
        let trial: { id: number; params: Params };
        try {
          trial = study.ask();
        } catch (err) {
          if ((err as Error).name !== 'StudyExhaustedError') throw err;
          ended = 'exhausted';
          asked = body.budget.maxTrials;
          break;
        }
        asked += 1;
        const run = runTrial(trial.id, trial.params).finally(() => running.delete(run));
        running.add(run);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
  } finally {
    wallTimer?.clear();
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.allSettled(running);
  }
  if (options.signal?.aborted) ended = 'cancelled';

  return {
    trials,
    best: bestTrial(trials, body.metric.goal),
    stepsUsed: trials.reduce((sum, t) => sum + t.steps, 0),
    wallS: (Date.now() - started) / 1000,
    ended,
  };
}

/** The completed trial with the best objective (the platform's rule: finite values, ties to the lower number). */
export function bestTrial(
  trials: readonly TrialView[],
  direction: SweepSpec['metric']['goal'],
): TrialView | null {
  return (
    pickBestTrial(
      trials.filter((t) => t.state === 'completed'),
      direction,
    ) ?? null
  );
}
