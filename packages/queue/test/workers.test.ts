import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commandQueueName,
  commandRoute,
  commandWaitingReason,
  createRedis,
  liveWorkers,
  WorkerRegistration,
  type WorkerCapabilities,
} from '../src/index.js';

const prefix = `test-${randomUUID()}`;
const redis = createRedis();

afterAll(async () => {
  const leftovers = await redis.keys(`${prefix}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await redis.quit();
});

const plain: WorkerCapabilities = { workerId: 'plain', commands: false, programs: null };
const any: WorkerCapabilities = { workerId: 'any', commands: true, programs: null };
const python: WorkerCapabilities = { workerId: 'py', commands: true, programs: ['python3'] };
const python2: WorkerCapabilities = { workerId: 'py2', commands: true, programs: ['python3'] };

describe('the worker registry', () => {
  it('lists live workers, forgets one that closes and drops one whose entry lapsed', async () => {
    const a = new WorkerRegistration(redis, prefix, any, 10_000);
    const b = new WorkerRegistration(redis, prefix, python, 10_000);
    await Promise.all([a.start(), b.start()]);
    // A worker that died without closing: its last beat is past its time to live.
    const dead = { ...plain, workerId: 'dead', expiresAt: Date.now() - 1 };
    await redis.hset(`${prefix}:workers`, 'dead', JSON.stringify(dead));
    expect((await liveWorkers(redis, prefix)).map((w) => w.workerId).sort()).toEqual(['any', 'py']);
    expect(await redis.hexists(`${prefix}:workers`, 'dead')).toBe(0);
    await a.close();
    expect(await liveWorkers(redis, prefix)).toEqual([python]);
    await b.close();
    expect(await liveWorkers(redis, prefix)).toEqual([]);
  });
});

describe('command routing', () => {
  it('routes a program to a queue whose workers all accept it, the one most of them share', () => {
    expect(commandRoute([plain], 'python3')).toBeNull();
    expect(commandRoute([plain, any], 'python3')).toBe('commands');
    expect(commandRoute([any, python, python2], 'python3')).toBe(commandQueueName(['python3']));
    expect(commandRoute([any, python, python2], 'node')).toBe('commands');
    expect(commandRoute([python], '/usr/bin/python3')).toBeNull();
    expect(commandQueueName(['node', 'python3'])).toBe(commandQueueName(['python3', 'node']));
    expect(commandQueueName(['python3'])).not.toContain(':');
  });

  it('says why a command waits', () => {
    expect(commandWaitingReason([], 'python3')).toBe(
      'waiting: no worker accepts commands; start one with --allow-commands',
    );
    expect(commandWaitingReason([plain], 'python3')).toMatch(/start one with --allow-commands$/);
    expect(commandWaitingReason([plain, python], 'node')).toBe(
      'waiting: no worker accepts the program "node" (workers allow only python3); start one ' +
        'with --allow-commands and no list, or with --allow-programs node',
    );
    expect(commandWaitingReason([python], 'python3')).toBeNull();
  });
});
