import { heapAllocate, type Allocate } from '../kernels/arena.js';

// The contract between the model and its layers. Every layer owns its output and input-gradient
// buffers, sized once for the largest batch it will see (`capacity` rows); a call with n rows uses
// the first n rows, so training steps allocate nothing.

/** A trained tensor and its gradient; `regularized` marks weights that L1/L2/decay act on. */
export interface Param {
  readonly name: string;
  readonly value: Float32Array;
  readonly grad: Float32Array;
  readonly regularized: boolean;
}

export interface Layer {
  readonly outputSize: number;
  readonly params: readonly Param[];
  /** Model state that is not trained by gradient (batch-norm running statistics). */
  readonly buffers: readonly Float32Array[];
  /** Returns the layer's output for the first n rows of x (may be x itself for in-place layers). */
  forward(x: Float32Array, n: number, training: boolean): Float32Array;
  /** Fills the params' grad from dy and returns dL/dx, or null when needInputGrad is false. */
  backward(dy: Float32Array, n: number, needInputGrad: boolean): Float32Array | null;
}

/**
 * A param with its own gradient. Its values come from `values` when given: a replica's view of
 * another model's (see Network), which the layer then leaves as they are; otherwise they are fresh.
 */
export function param(
  name: string,
  size: number,
  regularized: boolean,
  allocate: Allocate = heapAllocate,
  values: Allocate = allocate,
): Param {
  return { name, value: values(size), grad: allocate(size), regularized };
}
