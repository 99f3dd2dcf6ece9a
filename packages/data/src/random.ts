import { DataError } from './errors.js';

/**
 * Seeded pseudo-random numbers. Splits, generators and folds each draw from their own stream
 * (seed, stream) so that changing one never shifts another's numbers.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

export const STREAM = { split: 1, fold: 2, generator: 3, subsample: 4 } as const;

/** A 32-bit finalizer (MurmurHash3 fmix32) so nearby seeds give unrelated states. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function assertSeed(seed: unknown, field: string): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new DataError(field, `must be an integer, got ${JSON.stringify(seed)}`);
  }
}

/** mulberry32 (Tommy Ettinger, public domain): small, fast, full 2^32 period, good enough for shuffles. */
export function createRng(seed: number, stream: number): Rng {
  const high = Math.floor(seed / 2 ** 32);
  let state = fmix32(fmix32(seed >>> 0) ^ fmix32(high >>> 0) ^ fmix32(stream + 0x9e3779b9));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

/** Fisher-Yates in place. */
export function shuffle(values: Int32Array, rng: Rng): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
  return values;
}
