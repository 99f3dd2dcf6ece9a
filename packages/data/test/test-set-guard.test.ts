import { describe, expect, it } from 'vitest';
import {
  describeSplit,
  materialize,
  recreateSplit,
  splitDataset,
  testSetAccesses,
  unsealTestSet,
  TestSetSealedError,
  type Split,
} from '../src/index.js';
import * as data from '../src/index.js';
import { loadDataset } from './bundled.js';

const iris = loadDataset({ name: 'iris' });

describe('the sealed test set', () => {
  it('exposes no test index through any property, spread, clone or JSON', () => {
    const split = splitDataset(iris);
    const test = unsealTestSet(split, { sweepId: 's', trialId: 't', sequence: 1 });
    const leaked = new Set<number>();
    // Everything reachable from the split by walking its own properties and copies of them.
    const walk = (value: unknown, depth: number): void => {
      if (depth > 4 || value === null || typeof value !== 'object') return;
      if (value === split.train || value === split.validation) return;
      if (ArrayBuffer.isView(value)) {
        for (const i of value as Int32Array) leaked.add(i);
        return;
      }
      for (const key of Reflect.ownKeys(value))
        walk((value as Record<PropertyKey, unknown>)[key], depth + 1);
    };
    walk(split, 0);
    walk({ ...split.test }, 0);
    walk(structuredClone({ ...split, test: { ...split.test } }), 0);
    expect([...test].filter((i) => leaked.has(i))).toEqual([]);
    expect(Object.keys(split.test)).toEqual(['size']);
  });

  it('refuses JSON, iteration, spreading and materialize with a clear error', () => {
    const split = splitDataset(iris);
    expect(() => JSON.stringify(split)).toThrow(TestSetSealedError);
    expect(() => JSON.stringify(split)).toThrow(/the test set is sealed: serializing/);
    expect(() => [...(split.test as unknown as Iterable<number>)]).toThrow(
      /iterating or spreading/,
    );
    expect(() => Array.from(split.test as unknown as Iterable<number>)).toThrow(TestSetSealedError);
    expect(() => materialize(iris, split.test as unknown as Int32Array)).toThrow(
      /sealed.*unsealTestSet/s,
    );
    expect(String(split.test)).toBe(`SealedTestSet(${split.sizes.test} samples)`);
  });

  it('is not reachable from the package entry point except through unsealTestSet', () => {
    const exported = Object.keys(data).filter((name) => /seal|test/i.test(name));
    expect(exported.sort()).toEqual(['TestSetSealedError', 'testSetAccesses', 'unsealTestSet']);
  });

  it('opens once per promotion and records who opened it', () => {
    const split = splitDataset(iris, { seed: 2 });
    expect(testSetAccesses(split)).toEqual([]);
    const first = unsealTestSet(split, { sweepId: 'sweep-a', trialId: 'trial-7', sequence: 1 });
    expect(first.length).toBe(split.sizes.test);
    expect(() =>
      unsealTestSet(split, { sweepId: 'sweep-a', trialId: 'trial-7', sequence: 1 }),
    ).toThrow(/promotion 1 of sweep sweep-a already opened the test set \(trial trial-7/);
    unsealTestSet(split, { sweepId: 'sweep-a', trialId: 'trial-9', sequence: 2 });
    expect(testSetAccesses(split).map(({ trialId, sequence }) => [trialId, sequence])).toEqual([
      ['trial-7', 1],
      ['trial-9', 2],
    ]);
  });

  it('hands out a copy, and the copy is the held-out part of the split', () => {
    const split = splitDataset(iris, { seed: 2 });
    const first = unsealTestSet(split, { sweepId: 's', trialId: 't', sequence: 1 });
    first.fill(0);
    const second = unsealTestSet(split, { sweepId: 's', trialId: 't', sequence: 2 });
    const open = new Set([...split.train, ...split.validation]);
    expect(second.length).toBe(split.sizes.test);
    expect([...second].every((i) => !open.has(i))).toBe(true);
    // A re-created split (another worker) opens the same samples.
    const again = recreateSplit(iris, describeSplit(split));
    expect(Array.from(unsealTestSet(again, { sweepId: 's', trialId: 't', sequence: 3 }))).toEqual(
      Array.from(second),
    );
  });

  it('rejects a malformed promotion naming the field', () => {
    const split = splitDataset(iris);
    expect(() => unsealTestSet(split, { sweepId: '', trialId: 't', sequence: 1 })).toThrow(
      /promotion\.sweepId: must be a non-empty string/,
    );
    expect(() => unsealTestSet(split, { sweepId: 's', trialId: 't', sequence: 0 })).toThrow(
      /promotion\.sequence: must be an integer >= 1, got 0/,
    );
    const forged = { ...split, test: { size: 30 } } as unknown as Split;
    expect(() => unsealTestSet(forged, { sweepId: 's', trialId: 't', sequence: 1 })).toThrow(
      /split\.test: is not a sealed test set/,
    );
  });
});
