import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createRedis,
  createTrialQueue,
  keys,
  removeSweepJobs,
  sendToController,
  trialJobId,
} from '../src/index.js';

const prefix = `test-${randomUUID()}`;
const redis = createRedis();
const queue = createTrialQueue(redis, prefix);

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  const leftovers = await redis.keys(`${prefix}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await redis.quit();
});

describe('removeSweepJobs', () => {
  it("removes a deleted sweep's waiting jobs and inbox, and no other sweep's", async () => {
    const job = (sweepId: string, trialId: string, attempt: number) => ({
      name: 'trial',
      data: { sweepId, trialId, number: 0, attempt },
      opts: { jobId: trialJobId(trialId, attempt) },
    });
    await queue.addBulk([job('gone', 'a', 1), job('gone', 'b', 2), job('kept', 'c', 1)]);
    await sendToController(redis, prefix, 'gone', { type: 'wake' });
    await removeSweepJobs(queue, redis, prefix, 'gone', [
      { id: 'a', attempts: 0 },
      { id: 'b', attempts: 1 },
    ]);
    const left = await queue.getJobs(['waiting']);
    expect(left.map((j) => j.id)).toEqual([trialJobId('c', 1)]);
    expect(await redis.exists(keys.controllerInbox(prefix, 'gone'))).toBe(0);
  });
});
