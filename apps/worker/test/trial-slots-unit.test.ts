import { describe, expect, it } from 'vitest';
import { TrialSlots } from '../src/trials/trial-slots.js';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('TrialSlots', () => {
  it('serves waiters first come, first served, by their width, a too-wide one clamped', async () => {
    const slots = new TrialSlots(2);
    const order: string[] = [];
    const take = (name: string, n: number) =>
      slots.acquire(n).then((release) => {
        order.push(name);
        return release!;
      });
    const wide = await take('wide', 2);
    const narrow = take('narrow', 1);
    const huge = take('huge', 5);
    void take('last', 1);
    await settle();
    expect(order).toEqual(['wide']);
    wide();
    wide(); // a second release frees nothing more
    await settle();
    // 'last' fits beside 'narrow' but waits behind 'huge', which takes both slots.
    expect(order).toEqual(['wide', 'narrow']);
    (await narrow)();
    await settle();
    expect(order).toEqual(['wide', 'narrow', 'huge']);
    (await huge)();
    await settle();
    expect(order).toEqual(['wide', 'narrow', 'huge', 'last']);
  });

  it('starts no waiter once closed', async () => {
    const slots = new TrialSlots(1);
    const running = await slots.acquire(1);
    const waiting = slots.acquire(1);
    slots.close();
    expect(await waiting).toBeNull();
    running!();
    expect(await slots.acquire(1)).toBeNull();
  });
});
