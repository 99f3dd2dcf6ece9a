// The one source of randomness for samplers and stoppers: xoshiro128** (Blackman & Vigna 2018,
// https://prng.di.unimi.it/xoshiro128starstar.c), seeded through splitmix32. Its whole state is four
// uint32 words, so it serializes into study JSON and a reloaded study continues the same sequence.

export interface RngJSON {
  readonly algorithm: 'xoshiro128**';
  readonly state: readonly [number, number, number, number];
}

const TWO_POW_32 = 4294967296;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(state: readonly number[]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((x) => x >>> 0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero is a fixed point
  }

  /** A generator from an integer seed; seeds differing in any bit give unrelated streams. */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    // Fold the high bits in too, so seeds above 2^32 do not collide with their low half.
    const next = splitmix32((seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32), 0x27d4eb2d));
    return new Rng([next(), next(), next(), next()]);
  }

  static fromJSON(json: RngJSON): Rng {
    if (
      json?.algorithm !== 'xoshiro128**' ||
      !Array.isArray(json.state) ||
      json.state.length !== 4
    ) {
      throw new TypeError('rng: expected { algorithm: "xoshiro128**", state: [4 integers] }');
    }
    return new Rng(json.state);
  }

  toJSON(): RngJSON {
    return { algorithm: 'xoshiro128**', state: [this.s0, this.s1, this.s2, this.s3] };
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by Box-Muller; no cached spare, so the state stays four words. */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]: log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`int(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() of an empty list');
    return items[this.int(items.length)];
  }

  /** k distinct indices from [0, n), in random order (partial Fisher-Yates). */
  sampleIndices(n: number, k: number): number[] {
    if (k > n) throw new RangeError(`cannot pick ${k} distinct items from ${n}`);
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx.slice(0, k);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
