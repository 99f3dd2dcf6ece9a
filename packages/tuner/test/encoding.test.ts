import { describe, expect, it } from 'vitest';
import {
  decode,
  decodeCompact,
  dims,
  encode,
  encodeCompact,
  encodingOf,
  Rng,
  validateSpace,
} from '../src/index.js';

const space = validateSpace({
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  layers: { type: 'int', low: 1, high: 4 },
  width: { type: 'int', low: 8, high: 512, log: true },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.1 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
  epochs: { type: 'constant', value: 20 },
});

describe('encoding', () => {
  it('lays out one dim per numeric parameter and one-hot categoricals', () => {
    expect(dims(space)).toBe(5 + 3);
    expect(encodingOf(space).onehotGroups).toEqual([{ offset: 4, width: 3 }]);
    expect(encodingOf(space).levels).toEqual([null, 4, null, 6, 2, 2, 2, null]);
  });

  it('encodes log params in log space and ints at cell centers', () => {
    const u = encode(space, {
      lr: 0.00316227766,
      layers: 1,
      width: 64,
      dropout: 0.5,
      optimizer: 'adam',
      epochs: 20,
    });
    expect(u[0]).toBeCloseTo(0.5, 6);
    expect(u[1]).toBeCloseTo(0.125, 12);
    expect(u[3]).toBeCloseTo(11 / 12, 12);
    expect(Array.from(u.slice(4, 7))).toEqual([0, 1, 0]);
    expect(u[7]).toBe(0.5); // inactive momentum sits in the middle
  });

  it('round-trips decode(encode(x)) for legal points, dropping inactive params', () => {
    const rng = Rng.fromSeed(1);
    for (let i = 0; i < 200; i++) {
      const u = Array.from({ length: dims(space) }, () => rng.uniform() * 1.2 - 0.1);
      const params = decode(space, u);
      expect('momentum' in params).toBe(params.optimizer === 'sgd');
      expect(params.epochs).toBe(20);
      expect(Number.isInteger(params.layers)).toBe(true);
      expect([0, 0.1, 0.2, 0.3, 0.4, 0.5]).toContain(params.dropout);
      expect(decode(space, encode(space, params))).toEqual(params);
      expect(decodeCompact(space, encodeCompact(space, params))).toEqual(params);
    }
  });

  it('gives every int value the same share of the compact cube', () => {
    const counts = new Map<unknown, number>();
    for (let i = 0; i < 400; i++) {
      const p = decodeCompact(space, [0.5, (i + 0.5) / 400, 0.5, 0.5, 0.5, 0.5]);
      counts.set(p.layers, (counts.get(p.layers) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([100, 100, 100, 100]);
  });
});

describe('Rng', () => {
  it('repeats a sequence from its seed and from its JSON state', () => {
    const a = Rng.fromSeed(42);
    a.uniform();
    const b = Rng.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const seqA = [a.uniform(), a.normal(), a.int(7)];
    expect([b.uniform(), b.normal(), b.int(7)]).toEqual(seqA);
    expect(Rng.fromSeed(43).uniform()).not.toBe(Rng.fromSeed(42).uniform());
  });

  it('draws uniform values with the right mean and ints in range', () => {
    const rng = Rng.fromSeed(7);
    let sum = 0;
    for (let i = 0; i < 10000; i++) sum += rng.uniform();
    expect(Math.abs(sum / 10000 - 0.5)).toBeLessThan(0.02);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
