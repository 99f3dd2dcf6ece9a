// Scrambled Sobol points: quasi-random coverage that fills gaps random search leaves, the usual
// start-up design for model-based samplers. One coordinate per searched parameter (the compact
// encoding). Scrambling is a random linear matrix scramble plus a random digital shift
// (Matousek 1998, "On the L2-discrepancy for anchored boxes"; the scheme of scipy.stats.qmc.Sobol),
// drawn from the study seed, so the sequence is fixed by the seed and the only state is the index.

import { compactDims, decodeCompact } from '../encoding.js';
import { OptionsError } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
import { Rng } from '../rng.js';
import { avoidPending } from './pending.js';
import type { Sampler, SamplerFactory } from './sampler.js';

export const SOBOL_SETTINGS = defineSettings({});
export const SOBOL_DEFAULTS = defaultsOf(SOBOL_SETTINGS);

/**
 * Primitive polynomials and initial direction numbers for dimensions 2..32, rows
 * `[degree s, coefficients a, m_1..m_s]` of Joe & Kuo's new-joe-kuo-6.21201 table
 * (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
 * SIAM J. Sci. Comput. 30, 2635-2654, 2008; https://web.maths.unsw.edu.au/~fkuo/sobol/).
 * Dimension 1 is the van der Corput sequence (all m_k = 1).
 */
const JOE_KUO: readonly (readonly number[])[] = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
  [7, 7, 1, 1, 3, 13, 7, 35, 63],
  [7, 8, 1, 3, 5, 9, 1, 25, 53],
  [7, 14, 1, 3, 1, 13, 9, 35, 107],
  [7, 19, 1, 3, 1, 5, 27, 61, 31],
  [7, 21, 1, 1, 5, 11, 19, 41, 61],
  [7, 28, 1, 3, 5, 3, 3, 13, 69],
  [7, 31, 1, 1, 7, 13, 1, 19, 1],
  [7, 32, 1, 3, 7, 5, 13, 19, 59],
  [7, 37, 1, 1, 3, 9, 25, 29, 41],
  [7, 41, 1, 3, 5, 13, 23, 1, 55],
  [7, 42, 1, 3, 7, 3, 13, 59, 17],
];

export const SOBOL_MAX_DIMS = JOE_KUO.length + 1;

const BITS = 32;

/** The 32 direction numbers v_1..v_32 of one dimension, as 32-bit integers (Bratley & Fox 1988). */
export function directionNumbers(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const [s, a, ...m] = JOE_KUO[dim - 1];
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let x = v[k - s] ^ (v[k - s] >>> s);
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) x ^= v[k - j];
    v[k] = x >>> 0;
  }
  return v;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Multiplies every direction number by a random lower-triangular binary matrix with a unit diagonal
 * (digit 1 = the most significant bit). Row i keeps digit i and mixes in random earlier digits.
 */
function linearScramble(v: Uint32Array, rng: Rng): Uint32Array {
  const rows = new Uint32Array(BITS);
  for (let i = 0; i < BITS; i++) {
    const diagonal = 2 ** (BITS - 1 - i);
    // Random bits on the digits above i (higher-order positions), 1 on the diagonal, 0 below.
    const above = (rng.nextUint32() & ~(2 * diagonal - 1)) >>> 0;
    rows[i] = (above | diagonal) >>> 0;
  }
  return v.map((x) => {
    let out = 0;
    for (let i = 0; i < BITS; i++) if (parity(rows[i] & x)) out |= 2 ** (BITS - 1 - i);
    return out >>> 0;
  });
}

/** A scrambled Sobol sequence with random access by index. */
export class ScrambledSobol {
  private readonly directions: Uint32Array[];
  private readonly shifts: Uint32Array;

  constructor(
    readonly dims: number,
    seed: number,
    scramble = true,
  ) {
    if (dims > SOBOL_MAX_DIMS) {
      throw new OptionsError(
        'space',
        `sobol supports up to ${SOBOL_MAX_DIMS} searched parameters, got ${dims}`,
      );
    }
    const rng = Rng.fromSeed(seed);
    this.directions = Array.from({ length: dims }, (_, d) =>
      scramble ? linearScramble(directionNumbers(d), rng) : directionNumbers(d),
    );
    this.shifts = Uint32Array.from({ length: dims }, () => (scramble ? rng.nextUint32() : 0));
  }

  /** Point `index` (0-based): XOR of the direction numbers selected by the Gray code of index. */
  point(index: number): Float64Array {
    const gray = index ^ Math.floor(index / 2);
    const u = new Float64Array(this.dims);
    for (let d = 0; d < this.dims; d++) {
      let x = this.shifts[d];
      for (let k = 0, g = gray; g > 0; k++, g = Math.floor(g / 2))
        if (g & 1) x ^= this.directions[d][k];
      u[d] = (x >>> 0) / 2 ** BITS;
    }
    return u;
  }
}

function parseIndex(state: unknown): number {
  if (state === undefined) return 0;
  const index = (state as { index?: unknown })?.index;
  if (!Number.isInteger(index) || (index as number) < 0) {
    throw new OptionsError('samplerState', 'sobol state must be { index: integer >= 0 }');
  }
  return index as number;
}

export const sobolSampler: SamplerFactory = {
  type: 'sobol',
  settings: SOBOL_SETTINGS,
  defaults: SOBOL_DEFAULTS,
  multiObjective: true,
  create({ options, space, seed, state }): Sampler {
    resolveSettings('sobol sampler', SOBOL_SETTINGS, options);
    const sobol = new ScrambledSobol(compactDims(space), seed);
    let index = parseIndex(state);
    return {
      type: 'sobol',
      sample: (ctx) => avoidPending(ctx, () => decodeCompact(ctx.space, sobol.point(index++))),
      toJSON: () => ({ index }),
    };
  },
};
