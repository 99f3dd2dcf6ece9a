import type { Params } from '@sweepwise/tuner';

/**
 * What the sweep loop (sweep-loop.ts) needs from the world, and nothing more: where trials are
 * stored, where they wait for a runner, and the time. Postgres + BullMQ ports live in apps/worker;
 * in-memory ones (in-memory-trial-store.ts) serve `--in-memory` runs and the benchmarks.
 */

/** A configuration the tuner asked for, before it is a stored trial. */
export interface AskedTrial {
  tunerTrialId: string;
  params: Params;
}

/** A stored trial: `number` counts from 0 in allocation order, per sweep. */
export interface AllocatedTrial {
  id: string;
  number: number;
  tunerTrialId: string;
}

/** A stored trial handed to a runner for its attempt `attempts + 1`. */
export interface QueuedTrial {
  id: string;
  number: number;
  attempts: number;
}

/** A trial that ended, as the tuner is told. */
export interface EndedTrial {
  tunerTrialId: string;
  state: 'completed' | 'pruned' | 'failed' | 'cancelled';
  value: number | null;
  /** Final metrics: a sweep's other objectives and its bounds are read from them. */
  metrics?: Readonly<Record<string, unknown>> | null;
  /** Why a failed trial failed: the reason of a sweep that too many failures end. */
  error?: string | null;
}

/** A runner's report of one step: the objective's value at it (null when it was not reported). */
export interface TrialReport {
  trialId: string;
  tunerTrialId: string;
  step: number;
  value: number | null;
  /** The report's id: storing the same decision again stores it once. */
  requestId?: string;
}

/** A stop decision as it is stored, with what the rule compared. */
export interface StopDecisionRecord {
  trialId: string;
  step: number;
  rule: string;
  decision: 'stop' | 'continue';
  value: number;
  threshold: number | null;
  rank: number | null;
  peers: number | null;
  reason: string;
  requestId?: string;
}

/** The answer a runner waits for after a report. */
export interface StopReply {
  stop: boolean;
  rule: string;
  reason: string;
}

export interface TrialStore {
  /**
   * Stores asked trials with the next numbers; those past the budget are not stored. Repeating an
   * allocation whose answer was lost returns the trials it made.
   */
  allocate(trials: readonly AskedTrial[]): Promise<AllocatedTrial[]>;
  recordStopDecisions(decisions: readonly StopDecisionRecord[]): Promise<void>;
}

export interface TrialQueue {
  /** Hands trials to runners (a queue, or the runners themselves in this process). */
  enqueue(trials: readonly QueuedTrial[]): Promise<void>;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface SweepLoopPorts {
  store: TrialStore;
  queue: TrialQueue;
  clock: Clock;
}

export const systemClock: Clock = { now: () => Date.now() };
