import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { keys, QUEUE_NAMES } from './names.js';

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
 * The command queues that exist under `prefix` (`commands`, and `commands-<digest>` per program
 * list, workers.ts commandQueueName), found by their BullMQ meta key: a queue whose workers have
 * all gone still holds the jobs routed to it.
 */
const COMMAND_QUEUE_NAME = new RegExp(`^${QUEUE_NAMES.commands}(-[0-9a-f]{16})?$`);

export async function commandQueueNames(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  const pattern = `${prefix}:${QUEUE_NAMES.commands}*:meta`;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const name = key.slice(prefix.length + 1, -':meta'.length);
      if (COMMAND_QUEUE_NAME.test(name)) names.add(name);
    }
  } while (cursor !== '0');
  return [...names];
}

/**
 * Removes the jobs of a deleted sweep's open trials (the attempt they ran or wait for), from the
 * trials queue and every command queue (a command trial may wait in any of them), and its
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
  const commandQueues =
    ids.length === 0
      ? []
      : (await commandQueueNames(redis, prefix)).map(
          (name) => new Queue(name, { connection: redis, prefix }),
        );
  try {
    await Promise.all(
      [queue, ...commandQueues].flatMap((q) => ids.map((id) => q.remove(id).catch(() => 0))),
    );
  } finally {
    // The connection is the caller's: closing these queues leaves it open.
    await Promise.all(commandQueues.map((q) => q.close()));
  }
  await redis.del(keys.controllerInbox(prefix, sweepId));
}

/** Job states the metrics endpoint reports per queue. */
const COUNTED_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/**
 * How many jobs each queue of `prefix` holds, by state: trials, every command queue, promotions.
 * Its own short-lived Queue objects on the caller's connection, closed before it returns.
 */
export async function queueJobCounts(
  redis: Redis,
  prefix: string,
): Promise<{ queue: string; state: string; count: number }[]> {
  const names = [
    QUEUE_NAMES.trials,
    QUEUE_NAMES.promotions,
    ...(await commandQueueNames(redis, prefix)),
  ];
  const queues = names.map((name) => new Queue(name, { connection: redis, prefix }));
  try {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts(...COUNTED_STATES)));
    return names.flatMap((queue, i) =>
      COUNTED_STATES.map((state) => ({ queue, state, count: counts[i][state] ?? 0 })),
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
