import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from './names.js';

/**
 * A promote request as the web and CLI enqueue it; the worker validates it again with
 * `promotionRequestSchema` of packages/db (this package knows no database).
 */
export interface PromotionJobData {
  sweepId: string;
  /** Omitted: the best completed trial by the sweep's objective. */
  trialId?: string;
  trainOn?: 'train+validation' | 'train';
  epochs?: 'trial' | 'early-stopping';
  requestedBy: string;
}

export interface PromotionJobResult {
  evaluationId: string;
  trialId: string;
  sequence: number;
  /** False when the trial had been promoted before: the stored evaluation is the answer. */
  created: boolean;
}

export type PromotionQueue = Queue<PromotionJobData, PromotionJobResult>;

/** Promotions stay exactly-once in the database; the queue only carries the request. */
export function createPromotionQueue(connection: Redis, prefix: string): PromotionQueue {
  return new Queue<PromotionJobData, PromotionJobResult>(QUEUE_NAMES.promotions, {
    connection,
    prefix,
    defaultJobOptions: {
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
      attempts: 1,
    },
  });
}

export type PromotionWait =
  | { state: 'completed'; result: PromotionJobResult }
  | { state: 'failed'; error: string }
  | { state: 'running'; jobId: string };

/**
 * Enqueues a promotion and waits up to `waitMs` for a worker to finish it. A retrain may take
 * longer than an HTTP request should: then the answer is `running` with the job id, and the
 * TestEvaluation appears in the database when it is done.
 */
export async function requestPromotionJob(
  connection: Redis,
  prefix: string,
  data: PromotionJobData,
  waitMs: number,
): Promise<PromotionWait> {
  const queue = createPromotionQueue(connection, prefix);
  // QueueEvents blocks on its connection, so it gets its own (which close() leaves open).
  const own = connection.duplicate();
  const events = new QueueEvents(QUEUE_NAMES.promotions, { connection: own, prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.add('promote', data);
    try {
      return { state: 'completed', result: await job.waitUntilFinished(events, waitMs) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // BullMQ's own timeout message; anything else is the job's failure reason.
      if (/timed out before finishing/.test(message)) return { state: 'running', jobId: job.id! };
      return { state: 'failed', error: message };
    }
  } finally {
    await events.close();
    await queue.close();
    own.disconnect();
  }
}
