import { createRedis, createTrialQueue, queuePrefix, type TrialQueue } from '@sweepwise/queue';

type Redis = ReturnType<typeof createRedis>;

const holder = globalThis as unknown as {
  __sweepwiseRedis?: Redis;
  __sweepwiseTrialQueue?: TrialQueue;
};

/** The web process's one Redis connection (for messages to sweep controllers), opened on first use. */
export function getRedis(): Redis {
  if (!holder.__sweepwiseRedis) {
    holder.__sweepwiseRedis = createRedis();
    // Errors surface on the commands that need Redis; without a listener ioredis would crash the process.
    holder.__sweepwiseRedis.on('error', () => {});
  }
  return holder.__sweepwiseRedis;
}

export const redisPrefix = () => queuePrefix();

/** The trial queue, on that connection: deleting a sweep removes its waiting jobs. */
export function getTrialQueue(): TrialQueue {
  holder.__sweepwiseTrialQueue ??= createTrialQueue(getRedis(), redisPrefix());
  return holder.__sweepwiseTrialQueue;
}
