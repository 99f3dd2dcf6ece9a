import { Queue, QueueEvents, Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from './names.js';
import type { TrialJobData, TrialJobResult } from './jobs.js';

export type TrialQueue = Queue<TrialJobData, TrialJobResult>;
export type TrialWorker = Worker<TrialJobData, TrialJobResult>;

/** Completed jobs are dropped at once (the database keeps the trial); failed ones for a while. */
const JOB_RETENTION = { removeOnComplete: true, removeOnFail: { count: 1000 } } as const;

/** `name`: the trials queue, or a command queue (workers.ts commandQueueName). */
export function createTrialQueue(
  connection: Redis,
  prefix: string,
  name: string = QUEUE_NAMES.trials,
): TrialQueue {
  return new Queue<TrialJobData, TrialJobResult>(name, {
    connection,
    prefix,
    defaultJobOptions: { ...JOB_RETENTION, attempts: 1 },
  });
}

export interface TrialWorkerOptions {
  prefix: string;
  /** Trials run at once by this process. */
  concurrency: number;
  /**
   * How long a job's lock lives without renewal (BullMQ renews it at half this period); a job of a
   * dead worker is failed as stalled about this long after, and the controller enqueues it anew.
   */
  lockDurationMs?: number;
  /** The queue it takes jobs from (default: the trials queue). */
  queueName?: string;
}

/**
 * A BullMQ worker for trial jobs. Retries are not BullMQ's: the sweep controller re-enqueues a
 * trial whose heartbeats stopped (from its checkpoint), so a stalled job is simply dropped
 * (maxStalledCount 0) instead of being run a second time behind the controller's back.
 */
export function createTrialWorker(
  connection: Redis,
  processor: Processor<TrialJobData, TrialJobResult>,
  options: TrialWorkerOptions,
): TrialWorker {
  return new Worker<TrialJobData, TrialJobResult>(
    options.queueName ?? QUEUE_NAMES.trials,
    processor,
    {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.lockDurationMs ?? 30_000,
      maxStalledCount: 0,
    },
  );
}

export function createTrialQueueEvents(connection: Redis, prefix: string): QueueEvents {
  return new QueueEvents(QUEUE_NAMES.trials, { connection, prefix });
}
