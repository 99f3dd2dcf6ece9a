import { align16, Arena, type Allocate } from '../kernels/arena.js';
import {
  bindShared,
  createSharedMemory,
  WASM_PAGE_BYTES,
  type WasmMemory,
} from '../kernels/wasm/kernels.js';

/**
 * The memory every thread of a parallel run sees: a shared WebAssembly memory, so each thread's
 * SIMD kernels work in place on it, or, without SIMD, a SharedArrayBuffer for the TypeScript
 * kernels. Either travels to worker threads by postMessage without a copy.
 */
export type SharedSpace = { memory: WasmMemory } | { buffer: SharedArrayBuffer };

/** A buffer's place in the shared space, which any thread turns back into a view. */
export interface BufferRef {
  byteOffset: number;
  length: number;
}

/** One thread's part of the space: its arena (weights, gradients, activations, optimizer state). */
export interface Region {
  start: number;
  floats: number;
  scratchFloats: number;
}

export function bufferOf(space: SharedSpace): SharedArrayBuffer {
  return ('memory' in space ? space.memory.buffer : space.buffer) as unknown as SharedArrayBuffer;
}

export function refOf(view: Float32Array): BufferRef {
  return { byteOffset: view.byteOffset, length: view.length };
}

export function viewOf(space: SharedSpace, ref: BufferRef): Float32Array {
  return new Float32Array(bufferOf(space), ref.byteOffset, ref.length);
}

/** Lays regions out one after another and reserves the space for them. */
export function createSharedSpace(sizes: readonly Omit<Region, 'start'>[]): {
  space: SharedSpace;
  regions: Region[];
} {
  let start = 0;
  const regions = sizes.map((size) => {
    const region = { ...size, start };
    start += Arena.bytes(size.floats, size.scratchFloats);
    return region;
  });
  const memory = createSharedMemory(Math.ceil(start / WASM_PAGE_BYTES));
  const space: SharedSpace = memory ? { memory } : { buffer: new SharedArrayBuffer(start) };
  return { space, regions };
}

/**
 * Allocates in one region of the space, for the calling thread. Unlike a private Arena it never
 * falls back to ordinary arrays: a buffer other threads must see has to be in the space, and the
 * regions are sized by the same upper bound (Network.footprint) as private arenas.
 */
export function regionAllocator(space: SharedSpace, region: Region): Allocate {
  const { start, floats, scratchFloats } = region;
  const kernels = 'memory' in space ? bindShared(space.memory) : null;
  const arena =
    kernels && 'memory' in space
      ? Arena.region(space.memory, kernels, start, floats, scratchFloats)
      : null;
  const buffer = bufferOf(space);
  let next = start + 16;
  const end = next + align16(floats * 4);
  return (length) => {
    const bytes = align16(length * 4);
    if (next + bytes > end) {
      throw new Error(`shared region full: ${length} floats do not fit (engine sizing bug)`);
    }
    const view = arena ? arena.allocate(length) : new Float32Array(buffer, next, length);
    next += bytes;
    return view;
  };
}
