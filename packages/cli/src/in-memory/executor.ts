import type { Params } from '@sweepwise/tuner';

/** What a runner hands an executor: one trial to run, and where its reports go. */
export interface TrialTask {
  /** Unique within this run, e.g. `local-3`. */
  trialId: string;
  number: number;
  params: Params;
  /** After each step: the stopping rule's answer. */
  onReport(step: number, metrics: Record<string, number>): Promise<'stop' | 'continue'>;
  signal: AbortSignal;
}

export type TrialOutcomeStatus = 'completed' | 'pruned' | 'failed' | 'cancelled';

export interface TrialOutcome {
  status: TrialOutcomeStatus;
  /** Final metrics (the engine's result, or the newest value of each metric a command printed). */
  metrics: Record<string, number>;
  /** Steps (epochs) actually run: the budget early stopping saves. */
  steps: number;
  reason: string | null;
}

/** Runs trials of one workload kind; `capacity` trials at once. */
export interface TrialExecutor {
  readonly capacity: number;
  run(task: TrialTask): Promise<TrialOutcome>;
  close(): Promise<void>;
}
