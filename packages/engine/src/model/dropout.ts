import { heapAllocate, type Allocate } from '../kernels/arena.js';
import type { Rng } from '../rng.js';
import type { Layer } from './layer.js';

/**
 * Inverted dropout (Srivastava et al., 2014): in training each unit is zeroed with probability p
 * and survivors are scaled by 1/(1-p), so inference is the identity. It writes its own output
 * buffer: the layer before keeps its output for its backward pass (activation derivatives).
 */
export class Dropout implements Layer {
  readonly params = [];
  readonly buffers = [];
  private readonly mask: Float32Array;
  private readonly output: Float32Array;

  constructor(
    readonly rate: number,
    readonly outputSize: number,
    capacity: number,
    private readonly rng: Rng,
    allocate: Allocate = heapAllocate,
  ) {
    this.mask = allocate(capacity * outputSize);
    this.output = allocate(capacity * outputSize);
  }

  forward(x: Float32Array, n: number, training: boolean): Float32Array {
    if (!training) return x;
    const keep = 1 / (1 - this.rate);
    const count = n * this.outputSize;
    for (let i = 0; i < count; i++) {
      const m = this.rng.next() < this.rate ? 0 : keep;
      this.mask[i] = m;
      this.output[i] = x[i] * m;
    }
    return this.output;
  }

  backward(dy: Float32Array, n: number): Float32Array {
    const count = n * this.outputSize;
    for (let i = 0; i < count; i++) dy[i] *= this.mask[i];
    return dy;
  }
}
