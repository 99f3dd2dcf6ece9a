/** What a trial job carries. The database holds the rest (params, sweep settings). */
export interface TrialJobData {
  sweepId: string;
  trialId: string;
  number: number;
  /** The attempt this job is for (1-based), part of the job id. */
  attempt: number;
}

/** How a trial job ended, as seen by the queue (the trial's own outcome is in the database). */
export interface TrialJobResult {
  outcome: 'completed' | 'pruned' | 'failed' | 'cancelled' | 'released' | 'skipped' | 'lost';
}

/**
 * One job id per trial attempt: adding the same attempt twice is a no-op while the job exists,
 * so re-enqueueing after a Redis restart or a lost job is safe. (BullMQ forbids ':' in ids.)
 */
export function trialJobId(trialId: string, attempt: number): string {
  return `${trialId}.${attempt}`;
}
