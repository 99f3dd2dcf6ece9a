import {
  instantiate,
  simdEnabled,
  WASM_PAGE_BYTES,
  type Kernels,
  type WasmMemory,
} from './wasm/kernels.js';

/** How layers and optimizers get their buffers. */
export type Allocate = (length: number) => Float32Array;

export const heapAllocate: Allocate = (length) => new Float32Array(length);

/**
 * An Allocate that hands out existing buffers in order, each of the length asked: how a replica
 * takes another model's params, or a worker the coordinator's optimizer slots (`what` names them).
 */
export function replayBuffers(buffers: readonly Float32Array[], what: string): Allocate {
  let next = 0;
  return (length) => {
    const buffer = buffers[next++];
    if (!buffer || buffer.length !== length) {
      throw new Error(`${what} do not match the model they are taken from`);
    }
    return buffer;
  };
}

const arenaByBuffer = new WeakMap<ArrayBuffer, Arena>();

/**
 * One WebAssembly memory holding a training run's buffers (weights, gradients, activations,
 * optimizer state), so the SIMD kernels work on them in place, without copies. The memory is
 * sized once and never grows (growing would detach every view handed out); when it is full,
 * `allocate` falls back to ordinary arrays, which the kernels then stage through copies.
 * Buffers are 16-byte aligned and zero-padded to whole vectors.
 */
export class Arena {
  private next: number;
  private readonly end: number;
  /** Where transposed operands are packed for the kernels, after the allocatable bytes. */
  readonly scratch: Float32Array;

  private constructor(
    private readonly memory: WasmMemory,
    readonly kernels: Kernels,
    start: number,
    floats: number,
    scratchFloats: number,
  ) {
    this.next = start + 16; // 16 bytes stay unused: pointer 0 means "none" to the kernels
    this.end = this.next + align16(floats * 4);
    this.scratch = new Float32Array(memory.buffer, this.end, scratchFloats);
    arenaByBuffer.set(memory.buffer, this);
  }

  /** An arena for `floats` values plus `scratchFloats` of packing space; null without SIMD. */
  static create(floats: number, scratchFloats: number): Arena | null {
    const wasm = instantiate(Math.ceil(Arena.bytes(floats, scratchFloats) / WASM_PAGE_BYTES));
    return wasm && new Arena(wasm.memory, wasm.kernels, 0, floats, scratchFloats);
  }

  /**
   * An arena over bytes start..start+Arena.bytes(floats, scratchFloats) of a memory that may hold
   * others (a shared memory: one region per thread of a parallel run). A thread registers one
   * arena per memory: the kernels address the whole memory, so any view of it works with them.
   */
  static region(
    memory: WasmMemory,
    kernels: Kernels,
    start: number,
    floats: number,
    scratchFloats: number,
  ): Arena {
    return new Arena(memory, kernels, start, floats, scratchFloats);
  }

  /** Bytes an arena of `floats` values and `scratchFloats` of packing space spans (16-aligned). */
  static bytes(floats: number, scratchFloats: number): number {
    return 16 + align16(floats * 4) + align16(scratchFloats * 4);
  }

  /** The arena that holds every one of these arrays, if one does (fixed arity: no allocation). */
  static of(
    a: ArrayBufferView,
    b: ArrayBufferView,
    c: ArrayBufferView = a,
    d: ArrayBufferView = a,
  ): Arena | undefined {
    if (!simdEnabled()) return undefined;
    const buffer = a.buffer;
    if (b.buffer !== buffer || c.buffer !== buffer || d.buffer !== buffer) return undefined;
    return arenaByBuffer.get(buffer as ArrayBuffer);
  }

  readonly allocate: Allocate = (length) => {
    const bytes = align16(length * 4);
    if (this.next + bytes > this.end) return new Float32Array(length);
    const view = new Float32Array(this.memory.buffer, this.next, length);
    this.next += bytes;
    return view;
  };
}

export function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
