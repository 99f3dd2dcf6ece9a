import { promotionRequestSchema, type Db } from '@sweepwise/db';
import { QUEUE_NAMES, type PromotionJobData, type PromotionJobResult } from '@sweepwise/queue';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { runPromotion } from './run-promotion.js';

// The contract with the web and CLI (which enqueue) lives in packages/queue.
export const PROMOTION_QUEUE = QUEUE_NAMES.promotions;

export interface PromotionWorkerOptions {
  db: Db;
  /** Redis for BullMQ; the caller owns it and quits it after `close()`. */
  connection: ConnectionOptions;
  queueName?: string;
  prefix?: string;
  /** Promotions are rare and CPU-bound: one at a time per worker process. */
  concurrency?: number;
}

export const PROMOTION_WORKER_DEFAULTS = {
  queueName: PROMOTION_QUEUE,
  concurrency: 1,
} as const;

// Errors that say the request itself is wrong (bad body, unknown trial, no split, changed data):
// retrying cannot help, so the job fails at once with the message.
const FINAL_ERRORS = new Set([
  'PromotionError',
  'NotFoundError',
  'ZodError',
  'DataError',
  'ConfigError',
]);

export async function processPromotionJob(
  db: Db,
  job: Job<PromotionJobData>,
): Promise<PromotionJobResult> {
  try {
    const { evaluation, created } = await runPromotion(db, promotionRequestSchema.parse(job.data));
    return {
      evaluationId: evaluation.id,
      trialId: evaluation.trialId,
      sequence: evaluation.sequence,
      created,
    };
  } catch (err) {
    if (err instanceof Error && FINAL_ERRORS.has(err.name)) {
      throw new UnrecoverableError(`${err.name}: ${err.message}`);
    }
    throw err;
  }
}

/**
 * A BullMQ worker that runs promote requests from the promotion queue. Close it with `close()`.
 * The retrain runs on this thread (the engine yields every 100 ms, so the job lock is renewed);
 * should a job still run twice (a stalled lock), the second finds the stored evaluation: the
 * database, not the queue, keeps promotions exactly-once.
 */
export function startPromotionWorker(
  options: PromotionWorkerOptions,
): Worker<PromotionJobData, PromotionJobResult> {
  const settings = { ...PROMOTION_WORKER_DEFAULTS, ...options };
  return new Worker<PromotionJobData, PromotionJobResult>(
    settings.queueName,
    (job) => processPromotionJob(settings.db, job),
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
    },
  );
}
