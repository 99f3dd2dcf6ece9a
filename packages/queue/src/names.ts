/**
 * Every Redis key and channel Sweepwise uses, derived from one prefix so that tests (and separate
 * installations sharing a Redis) never see each other's jobs or events.
 */
export const DEFAULT_PREFIX = 'sweepwise';

export const QUEUE_NAMES = {
  /** One job per trial attempt; any worker process on any machine takes them. */
  trials: 'trials',
  /**
   * Command trials, taken only by workers started with --allow-commands; a worker with a program
   * list has a queue of its own list (workers.ts commandQueueName).
   */
  commands: 'commands',
  /** Retrain-and-test requests of the promotion flow (issue 8), run by any worker process. */
  promotions: 'promotions',
  /** One repeatable job (VACUUM ANALYZE, stuck sweeps), run by one worker process per interval. */
  maintenance: 'maintenance',
} as const;

export function queuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.SWEEPWISE_QUEUE_PREFIX ?? DEFAULT_PREFIX;
  if (!/^[\w-]+$/.test(raw)) {
    throw new Error(
      `SWEEPWISE_QUEUE_PREFIX must be letters, digits, _ or -, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

export const keys = {
  /** The list a sweep's controller reads: reports waiting for a stop decision, wake-ups. */
  controllerInbox: (prefix: string, sweepId: string) => `${prefix}:sweep:${sweepId}:inbox`,
  /** Pub/sub channel of one sweep's events, for the dashboard. */
  sweepEvents: (prefix: string, sweepId: string) => `${prefix}:events:${sweepId}`,
  /** Pub/sub channel on which a worker process receives stop decisions. */
  decisions: (prefix: string, workerId: string) => `${prefix}:decisions:${workerId}`,
};
