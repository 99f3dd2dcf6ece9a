import type { SweepSpec, SweepWorkload } from '@sweepwise/sweeps';

/**
 * The contract of every runner (engine, command, builtin, PBT member): the worker and the CLI's
 * --in-memory run trials through it, so a trial behaves the same in both.
 */

/** The sweep settings a trial needs, read once per sweep by each worker process. */
export interface TrialSweep {
  id: string;
  workload: SweepWorkload;
  /** The sampler type; `pbt` members are run by the PBT member runner. */
  algorithm: string;
  objectiveMetric: string;
  direction: 'minimize' | 'maximize';
  /** Whether reports are sent to the controller for a stop decision. */
  hasStopper: boolean;
  /** The whole spec, for runners that need more (a PBT member: its space and settings). */
  spec: SweepSpec;
  /** The sweep's max wall time and when it runs out (epoch ms), when it has one. */
  wallTime?: { maxS: number; endsAt: number } | null;
}

/** The TrialSweep of a SweepSpec (the CLI's in-memory runs; the worker reads it from the row). */
export function trialSweepOf(id: string, spec: SweepSpec): TrialSweep {
  return {
    id,
    workload: spec.workload,
    algorithm: spec.algorithm.type,
    objectiveMetric: spec.metric.name,
    direction: spec.metric.goal,
    hasStopper: spec.stopper !== null,
    spec,
  };
}

export interface TrialContext {
  sweep: TrialSweep;
  trial: { id: string; number: number; params: Record<string, unknown>; attempt: number };
  /** The trial's latest checkpoint when this is a retry; the runner continues from it. */
  resumeFrom: { step: number; data: Uint8Array } | null;
  /** Aborted when the worker must stop the trial now (shutdown grace over, trial lost). */
  signal: AbortSignal;
}

/** How a runner talks back while a trial runs. */
export interface TrialIO {
  /**
   * Stores the metrics of one step (an epoch) and says whether to go on: 'stop' when the stopping
   * rule, a cancel or a shutdown ends the trial. Runners call it after every step.
   */
  report(step: number, metrics: Record<string, number>): Promise<'continue' | 'stop'>;
  /**
   * Stores a checkpoint of `step`; the curve points up to `step` are stored first. Absent when
   * the caller keeps none (an in-memory run): runners then do not make them.
   */
  checkpoint?(step: number, data: Uint8Array): Promise<void>;
}

/** How a trial ended, as its runner says (the caller adds why it was stopped). */
export interface TrialOutcome {
  /** 'stopped': the runner obeyed a 'stop' from report(). */
  status: 'completed' | 'stopped' | 'failed';
  /** The objective's final value. */
  value: number | null;
  /** Final metrics to store on the trial. */
  metrics: Record<string, unknown>;
  error?: string;
}

/** Runs one kind of workload. Throwing is a failed trial with the error's message. */
export interface TrialRunner {
  run(ctx: TrialContext, io: TrialIO): Promise<TrialOutcome>;
}

/** "ConfigError: optimizer.lr must be > 0" — the name kept when it says something. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const field = (err as { field?: unknown }).field;
  const where = typeof field === 'string' && !err.message.includes(field) ? ` (${field})` : '';
  return `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}${where}`;
}

/**
 * The error of a trial over its memory budget: refused before allocating (the engine's estimate
 * over SWEEPWISE_MAX_MODEL_BYTES) or stopped by its thread's heap cap. Such a trial fails with this
 * reason and is not retried: it would run out again on any worker with the same limits.
 */
export function outOfMemory(reason: string): string {
  return `out of memory: ${reason}`;
}
