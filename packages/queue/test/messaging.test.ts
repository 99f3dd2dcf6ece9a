import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ControllerInbox,
  createRedis,
  publishSweepEvent,
  sendToController,
  subscribeSweepEvents,
  SweepEventPublisher,
  type SweepEvent,
} from '../src/index.js';

const prefix = `test-${randomUUID()}`;
const redis = createRedis();
const blocking = createRedis();

afterAll(async () => {
  const leftovers = await redis.keys(`${prefix}:*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  await Promise.all([redis.quit(), blocking.quit()]);
});

function nextEvents(count: number, events: SweepEvent[]): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (events.length >= count) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

describe('sweep events', () => {
  it('delivers one sweep events to its subscribers and all sweeps to a * subscriber', async () => {
    const mine: SweepEvent[] = [];
    const all: SweepEvent[] = [];
    const one = await subscribeSweepEvents('s1', (e) => mine.push(e), { prefix });
    const star = await subscribeSweepEvents('*', (e) => all.push(e), { prefix });
    const publisher = new SweepEventPublisher(redis, prefix);
    publisher.publish({
      type: 'trial.completed',
      sweepId: 's1',
      trialId: 't',
      number: 0,
      value: NaN,
    });
    publisher.publish({ type: 'sweep.status', sweepId: 's2', status: 'paused' });
    await publishSweepEvent(
      redis,
      { type: 'sweep.status', sweepId: 's1', status: 'running' },
      prefix,
    );
    await nextEvents(3, all);
    await nextEvents(2, mine);
    await Promise.all([one.close(), star.close()]);
    expect(mine.map((e) => e.type).sort()).toEqual(['sweep.status', 'trial.completed']);
    expect(mine.find((e) => e.type === 'trial.completed')).toMatchObject({ value: null });
    expect(all.map((e) => e.sweepId).sort()).toEqual(['s1', 's1', 's2']);
    expect(all.every((e) => typeof e.at === 'number')).toBe(true);
  });
});

describe('controller inbox', () => {
  it('returns waiting messages in order and keeps NaN values', async () => {
    const inbox = ControllerInbox.for(blocking, prefix, 'sweep-a');
    for (const value of [1, NaN, Infinity]) {
      await sendToController(redis, prefix, 'sweep-a', {
        type: 'report',
        requestId: String(value),
        replyTo: 'w',
        trialId: 't',
        tunerTrialId: '0',
        step: 1,
        value,
      });
    }
    const messages = await inbox.take(1000);
    expect(messages.map((m) => (m.type === 'report' ? m.value : null))).toEqual([1, NaN, Infinity]);
  });

  it('returns nothing after the wait when no message comes', async () => {
    const inbox = ControllerInbox.for(blocking, prefix, 'sweep-empty');
    expect(await inbox.take(50)).toEqual([]);
  });
});
