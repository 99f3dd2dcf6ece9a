import { Arena } from '../kernels/arena.js';

// How a parallel run divides its work: rows of a batch into shards (one per worker), and the
// parameters into slices (one per worker) for the all-reduce and its sharded update.

/** Rows from..to of an n-row batch for worker `index` of `workers`: contiguous, sizes differ by ≤ 1. */
export function shardRange(n: number, workers: number, index: number): [number, number] {
  return [Math.floor((index * n) / workers), Math.floor(((index + 1) * n) / workers)];
}

/** Part of one parameter tensor: elements from..to of param `param`. */
export interface Segment {
  param: number;
  from: number;
  to: number;
}

/**
 * Worker `index`'s slice of all parameters laid end to end, cut on multiples of 4 elements within
 * each tensor (each tensor counted padded to whole vectors), so every segment starts 16-byte
 * aligned and the SIMD kernels never write past it into a neighbour's segment.
 */
export function sliceSegments(
  lengths: readonly number[],
  workers: number,
  index: number,
): Segment[] {
  const padded = lengths.map((n) => Math.ceil(n / 4));
  const total = padded.reduce((a, b) => a + b, 0);
  const lo = Math.floor((index * total) / workers);
  const hi = Math.floor(((index + 1) * total) / workers);
  const segments: Segment[] = [];
  let offset = 0;
  padded.forEach((vectors, param) => {
    const from = Math.max(lo, offset);
    const to = Math.min(hi, offset + vectors);
    if (from < to) {
      segments.push({
        param,
        from: (from - offset) * 4,
        to: Math.min((to - offset) * 4, lengths[param]),
      });
    }
    offset += vectors;
  });
  return segments;
}

/**
 * target[from..to) = Σ_k sources[k][from..to) over the workers that had rows (`rows[k] > 0`; each
 * shard's gradient is already weighted by its share of the batch). The target may be one of the
 * sources (the in-place reduce of all-reduce): it then counts first, the others in the order of k,
 * so every reduce of the same inputs rounds alike. The sums run on the SIMD kernels when the arrays
 * live in the run's WebAssembly memory.
 */
export function sumShards(
  target: Float32Array,
  sources: readonly Float32Array[],
  rows: ArrayLike<number>,
  from: number,
  to: number,
): void {
  const own = sources.indexOf(target);
  const kernels = Arena.of(target, sources[0])?.kernels;
  let started = own >= 0 && rows[own] > 0;
  for (let k = 0; k < sources.length; k++) {
    if (k === own || rows[k] === 0) continue;
    const s = sources[k];
    if (kernels) {
      const dst = target.byteOffset + from * 4;
      const src = s.byteOffset + from * 4;
      if (started) kernels.addTo(dst, src, to - from);
      else kernels.copy(dst, src, to - from);
    } else if (started) for (let j = from; j < to; j++) target[j] += s[j];
    else for (let j = from; j < to; j++) target[j] = s[j];
    started = true;
  }
  if (!started) target.fill(0, from, to);
}
