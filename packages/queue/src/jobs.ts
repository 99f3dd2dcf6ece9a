import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { keys } from './names.js';

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

/**
 * Removes the jobs of a deleted sweep's open trials (the attempt they ran or wait for) and its
 * controller inbox. A job a worker holds is left to it: its claim or heartbeat finds the trial
 * gone and it ends without writing.
 */
export async function removeSweepJobs(
  queue: Pick<Queue, 'remove'>,
  redis: Redis,
  prefix: string,
  sweepId: string,
  trials: readonly { id: string; attempts: number }[],
): Promise<void> {
  const ids = trials.flatMap((t) => [
    trialJobId(t.id, t.attempts),
    trialJobId(t.id, t.attempts + 1),
  ]);
  await Promise.all(ids.map((id) => queue.remove(id).catch(() => 0)));
  await redis.del(keys.controllerInbox(prefix, sweepId));
}
