import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commandQueueName,
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
// A command trial waits in the queue of the workers that accept its program (workers.ts).
const anyProgram = createTrialQueue(redis, prefix, commandQueueName(null));
const python = createTrialQueue(redis, prefix, commandQueueName(['python3']));
const queues = [queue, anyProgram, python];

const job = (sweepId: string, trialId: string, attempt: number) => ({
  name: 'trial',
  data: { sweepId, trialId, number: 0, attempt },
  opts: { jobId: trialJobId(trialId, attempt) },
});

afterAll(async () => {
  for (const q of queues) {
    await q.obliterate({ force: true });
    await q.close();
  }
  const leftovers = await redis.keys(`${prefix}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await redis.quit();
});

describe('removeSweepJobs', () => {
  it("removes a deleted sweep's waiting jobs and inbox, and no other sweep's", async () => {
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

  it("removes a deleted command sweep's jobs from every command queue, and no other sweep's", async () => {
    await anyProgram.addBulk([job('cmd', 'd', 1), job('other', 'e', 1)]);
    // A trial re-routed after its first attempt: its next attempt waits in another command queue.
    await python.addBulk([job('cmd', 'f', 2), job('cmd', 'd', 2), job('other', 'g', 1)]);
    await removeSweepJobs(queue, redis, prefix, 'cmd', [
      { id: 'd', attempts: 1 },
      { id: 'f', attempts: 1 },
    ]);
    expect((await anyProgram.getJobs(['waiting'])).map((j) => j.id)).toEqual([trialJobId('e', 1)]);
    expect((await python.getJobs(['waiting'])).map((j) => j.id)).toEqual([trialJobId('g', 1)]);
    // The caller's connection is still open.
    expect(await redis.ping()).toBe('PONG');
  });
});
