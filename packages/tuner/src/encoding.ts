// The unit-cube encodings every sampler shares.
//
// Model encoding (`encode`/`decode`, for GP and CMA-ES): one dimension per float/int parameter and
// one per choice of a categorical (one-hot); constants take none. Numeric values map to [0, 1]:
//   - float: linear in [low, high], or in [log low, log high] when `log`;
//   - int and stepped float: the n legal values own n equal cells, a value encodes to its cell
//     center (k + 0.5) / n, so a rounding model sees every value with the same volume;
//   - log int: log space over [low - 0.5, high + 0.5], for the same equal-volume reason.
// An inactive conditional parameter encodes to the middle of its dimensions (0.5, or 1/k on each
// one-hot dimension) so it neither pulls a kernel toward a corner nor matches any real choice;
// decoding ignores those dimensions.
//
// Compact encoding (`decodeCompact`/`encodeCompact`, for grid, random, Sobol, evolution): one
// dimension per non-constant parameter, a categorical taking cell k of k equal cells. Quasi-random
// points then cover each categorical evenly, which one-hot argmax would not.

import {
  isActive,
  levels,
  type NumericParameter,
  type ParamValue,
  type Params,
  type SearchedParameter,
  type Space,
} from './space.js';

export interface EncodedParam {
  readonly param: SearchedParameter;
  /** First model dimension of this parameter. */
  readonly offset: number;
  /** 1 for float/int, the number of choices for a categorical (one-hot). */
  readonly width: number;
}

export interface Encoding {
  /** Number of model dimensions. */
  readonly dims: number;
  /** Non-constant parameters in dependency order with their model dimensions. */
  readonly params: readonly EncodedParam[];
  /** One-hot groups `{ offset, width }`; an optimizer should move within a group as one choice. */
  readonly onehotGroups: readonly { readonly offset: number; readonly width: number }[];
  /** Per model dimension: number of legal values (int / stepped float), else null (continuous). */
  readonly levels: readonly (number | null)[];
}

const cache = new WeakMap<Space, Encoding>();

export function encodingOf(space: Space): Encoding {
  let enc = cache.get(space);
  if (enc) return enc;
  const params: EncodedParam[] = [];
  const onehotGroups: { offset: number; width: number }[] = [];
  const dimLevels: (number | null)[] = [];
  let offset = 0;
  for (const param of space.parameters) {
    if (param.type === 'constant') continue;
    const width = param.type === 'categorical' ? param.choices.length : 1;
    params.push({ param, offset, width });
    if (param.type === 'categorical') {
      onehotGroups.push({ offset, width });
      for (let j = 0; j < width; j++) dimLevels.push(2);
    } else {
      dimLevels.push(levels(param));
    }
    offset += width;
  }
  enc = { dims: offset, params, onehotGroups, levels: dimLevels };
  cache.set(space, enc);
  return enc;
}

/** Number of model dimensions (one-hot categoricals). */
export function dims(space: Space): number {
  return encodingOf(space).dims;
}

/** Number of compact dimensions: one per non-constant parameter. */
export function compactDims(space: Space): number {
  return encodingOf(space).params.length;
}

function clip01(u: number): number {
  return u < 0 || Number.isNaN(u) ? 0 : u > 1 ? 1 : u;
}

/** Kills float noise like 0.30000000000000004 from low + k * step. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** A float/int value to [0, 1] (see the file comment). */
export function numericToUnit(p: NumericParameter, x: number): number {
  const n = levels(p);
  if (n !== null) return (Math.round((x - p.low) / (p.step ?? 1)) + 0.5) / n;
  if (p.log) {
    const [lo, hi] = p.type === 'int' ? [p.low - 0.5, p.high + 0.5] : [p.low, p.high];
    return clip01((Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)));
  }
  return clip01((x - p.low) / (p.high - p.low));
}

/** [0, 1] (clipped) to a legal float/int value. */
export function numericFromUnit(p: NumericParameter, u: number): number {
  u = clip01(u);
  const n = levels(p);
  if (n !== null) return tidy(p.low + Math.min(n - 1, Math.floor(u * n)) * (p.step ?? 1));
  if (p.log) {
    const [lo, hi] = p.type === 'int' ? [p.low - 0.5, p.high + 0.5] : [p.low, p.high];
    const x = Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
    const v = p.type === 'int' ? Math.round(x) : tidy(x);
    return Math.min(p.high, Math.max(p.low, v));
  }
  return Math.min(p.high, Math.max(p.low, p.low + u * (p.high - p.low)));
}

/** Params to a point of the model cube. Inactive parameters take the middle (see above). */
export function encode(space: Space, params: Params): Float64Array {
  const enc = encodingOf(space);
  const u = new Float64Array(enc.dims);
  for (const { param, offset, width } of enc.params) {
    const v = params[param.name];
    if (param.type === 'categorical') {
      const k = v === undefined ? -1 : param.choices.indexOf(v);
      for (let j = 0; j < width; j++) u[offset + j] = k < 0 ? 1 / width : j === k ? 1 : 0;
    } else {
      u[offset] = v === undefined ? 0.5 : numericToUnit(param, v as number);
    }
  }
  return u;
}

/**
 * A point of the model cube to params: clipped, ints and steps rounded, categoricals by argmax
 * (first on ties), constants filled in, inactive conditional parameters left out.
 */
export function decode(space: Space, u: ArrayLike<number>): Params {
  const enc = encodingOf(space);
  if (u.length !== enc.dims)
    throw new RangeError(`decode: expected ${enc.dims} dims, got ${u.length}`);
  const offsets = new Map(enc.params.map((e) => [e.param.name, e.offset]));
  return assemble(space, (param) => {
    const offset = offsets.get(param.name)!;
    if (param.type === 'categorical') {
      let best = 0;
      for (let j = 1; j < param.choices.length; j++) if (u[offset + j] > u[offset + best]) best = j;
      return param.choices[best];
    }
    return numericFromUnit(param, u[offset]);
  });
}

/** A point of the compact cube to params (one coordinate per non-constant parameter). */
export function decodeCompact(space: Space, u: ArrayLike<number>): Params {
  const enc = encodingOf(space);
  if (u.length !== enc.params.length) {
    throw new RangeError(`decodeCompact: expected ${enc.params.length} dims, got ${u.length}`);
  }
  const index = new Map(enc.params.map((e, i) => [e.param.name, i]));
  return assemble(space, (param) => {
    const x = clip01(u[index.get(param.name)!]);
    if (param.type !== 'categorical') return numericFromUnit(param, x);
    return param.choices[Math.min(param.choices.length - 1, Math.floor(x * param.choices.length))];
  });
}

/** Params to the compact cube; inactive parameters are NaN (callers choose how to fill them). */
export function encodeCompact(space: Space, params: Params): Float64Array {
  const enc = encodingOf(space);
  const u = new Float64Array(enc.params.length);
  enc.params.forEach(({ param }, i) => {
    const v = params[param.name];
    if (v === undefined) u[i] = NaN;
    else if (param.type === 'categorical')
      u[i] = (param.choices.indexOf(v) + 0.5) / param.choices.length;
    else u[i] = numericToUnit(param, v as number);
  });
  return u;
}

/** Walks parameters in dependency order, emitting constants and active parameters only. */
function assemble(space: Space, valueOf: (p: SearchedParameter) => ParamValue): Params {
  const out: Params = {};
  for (const p of space.parameters) {
    if (!isActive(p, out)) continue;
    out[p.name] = p.type === 'constant' ? p.value : valueOf(p);
  }
  return out;
}
