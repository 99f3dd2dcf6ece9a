import { describe, expect, it } from 'vitest';
import { InMemoryPbtStore } from '../src/pbt/in-memory-pbt-store.js';

const bytes = (n: number) => new Uint8Array([n]);

/** Two members at step 2: a has kept its checkpoint there, b has moved on to step 3. */
function twoMembers(): InMemoryPbtStore {
  const store = new InMemoryPbtStore();
  store.start('a', 0, { lr: 0.1 });
  store.start('b', 1, { lr: 0.2 });
  for (const id of ['a', 'b']) {
    for (const step of [1, 2]) {
      store.report(id, step, { loss: step + (id === 'a' ? 0 : 10) });
      store.saveCheckpoint(id, step, bytes(step));
    }
  }
  void store.keepCheckpoint('a', 2);
  store.report('b', 3, { loss: 13 });
  store.saveCheckpoint('b', 3, bytes(3));
  return store;
}

describe('the in-memory PBT store', () => {
  it('keeps only the latest checkpoint and the kept ones, as the platform does', async () => {
    const store = twoMembers();
    const peers = await store.withLock('s', (tx) => tx.peerScores('s', 'loss', 2));
    // b's checkpoint at 2 was dropped when it saved step 3: only a can be copied at step 2.
    expect(peers).toEqual([{ trialId: 'a', number: 0, params: { lr: 0.1 }, value: 2 }]);
    expect(await store.withLock('s', (tx) => tx.newestSourceStep('s', 'b', 'loss', 3))).toBe(2);
  });

  it('copies a checkpoint with the new params, dropping the member’s later ones', async () => {
    const store = twoMembers();
    const copy = await store.withLock('s', (tx) =>
      tx.recordExploit({
        sweepId: 's',
        step: 2,
        trialId: 'b',
        sourceId: 'a',
        oldParams: { lr: 0.2 },
        newParams: { lr: 0.12 },
        reason: 'bottom-quantile',
      }),
    );
    expect(copy).toEqual({ step: 2, data: bytes(2) });
    expect(await store.currentParams('b')).toEqual({ params: { lr: 0.12 }, step: 2 });
    const peers = await store.withLock('s', (tx) => tx.peerScores('s', 'loss', 2));
    expect(peers.map((p) => [p.trialId, p.params])).toEqual([
      ['a', { lr: 0.1 }],
      ['b', { lr: 0.12 }],
    ]);
    expect(await store.withLock('s', (tx) => tx.newestSourceStep('s', 'a', 'loss', 9))).toBe(2);
  });

  it('leaves a member that did not complete out of the peers', async () => {
    const store = twoMembers();
    store.end('a', false);
    expect(await store.withLock('s', (tx) => tx.peerScores('s', 'loss', 2))).toEqual([]);
  });
});
