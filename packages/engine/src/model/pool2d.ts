import { Arena, heapAllocate, type Allocate } from '../kernels/arena.js';
import type { PoolType } from '../config.js';
import type { Layer } from './layer.js';
import { size, type PoolPlan } from './plan.js';

/**
 * Max or average pooling over pool×pool windows of each channel of channels-last images (no
 * padding). Max pooling remembers where each maximum came from, so its gradient goes there
 * (the first of equal values, as PyTorch and TensorFlow pick); average pooling spreads it evenly.
 */
export class Pool2D implements Layer {
  readonly params = [];
  readonly buffers = [];
  readonly outputSize: number;
  private readonly inputSize: number;
  private readonly type: PoolType;
  private readonly output: Float32Array;
  private readonly inputGrad: Float32Array;
  /** Max pooling: where in the input batch each output's maximum is. */
  private readonly argmax: Int32Array;

  constructor(
    private readonly plan: PoolPlan,
    capacity: number,
    allocate: Allocate = heapAllocate,
  ) {
    this.type = plan.config.type;
    this.outputSize = size(plan.output);
    this.inputSize = size(plan.input);
    this.output = allocate(capacity * this.outputSize);
    this.inputGrad = allocate(capacity * this.inputSize);
    // in the layer's memory (an Arena's), where the SIMD kernel writes it
    const argmax = allocate(this.type === 'max' ? capacity * this.outputSize : 0);
    this.argmax = new Int32Array(argmax.buffer, argmax.byteOffset, argmax.length);
  }

  forward(x: Float32Array, n: number): Float32Array {
    const max = this.type === 'max';
    const arena =
      max && this.plan.input.channels % 4 === 0 && Arena.of(x, this.output, this.argmax);
    if (arena) this.maxForwardSimd(arena, x, n);
    else this.forwardScalar(x, n);
    return this.output;
  }

  /**
   * Max pooling by the SIMD kernel, one output position per call, 4 channels per lane group: no
   * branch per value for random data to mispredict, as the comparisons of the loop below have.
   */
  private maxForwardSimd(arena: Arena, x: Float32Array, n: number): void {
    const { input, output, config } = this.plan;
    const { width: w, channels: c } = input;
    const { pool: p, stride: s } = config;
    const xAt = x.byteOffset;
    const outAt = this.output.byteOffset;
    const argAt = this.argmax.byteOffset;
    const positions = output.height * output.width;
    for (let i = 0; i < n; i++) {
      for (let position = 0; position < positions; position++) {
        const oy = Math.floor(position / output.width);
        const ox = position - oy * output.width;
        const corner = i * this.inputSize + (oy * s * w + ox * s) * c;
        const q = (i * positions + position) * c;
        arena.kernels.maxPool(
          xAt + corner * 4,
          outAt + q * 4,
          argAt + q * 4,
          c / 4,
          p,
          c,
          w * c,
          corner,
        );
      }
    }
  }

  private forwardScalar(x: Float32Array, n: number): void {
    const { input, output, config } = this.plan;
    const { width: w, channels: c } = input;
    const { pool: p, stride: s } = config;
    const scale = 1 / (p * p);
    const max = this.type === 'max';
    const out = this.output;
    for (let i = 0; i < n; i++) {
      const inBase = i * this.inputSize;
      let q = i * this.outputSize;
      for (let oy = 0; oy < output.height; oy++) {
        for (let ox = 0; ox < output.width; ox++, q += c) {
          const corner = inBase + (oy * s * w + ox * s) * c;
          for (let ch = 0; ch < c; ch++) {
            out[q + ch] = max ? x[corner + ch] : 0;
            if (max) this.argmax[q + ch] = corner + ch;
          }
          for (let py = 0; py < p; py++) {
            for (let px = 0; px < p; px++) {
              const at = corner + (py * w + px) * c;
              if (max) {
                for (let ch = 0; ch < c; ch++) {
                  if (x[at + ch] > out[q + ch]) {
                    out[q + ch] = x[at + ch];
                    this.argmax[q + ch] = at + ch;
                  }
                }
              } else {
                for (let ch = 0; ch < c; ch++) out[q + ch] += x[at + ch] * scale;
              }
            }
          }
        }
      }
    }
  }

  backward(dy: Float32Array, n: number): Float32Array {
    const dx = this.inputGrad;
    dx.fill(0, 0, n * this.inputSize);
    const count = n * this.outputSize;
    if (this.type === 'max') {
      for (let q = 0; q < count; q++) dx[this.argmax[q]] += dy[q];
      return dx;
    }
    const { input, output, config } = this.plan;
    const { width: w, channels: c } = input;
    const { pool: p, stride: s } = config;
    const scale = 1 / (p * p);
    for (let i = 0; i < n; i++) {
      let q = i * this.outputSize;
      for (let oy = 0; oy < output.height; oy++) {
        for (let ox = 0; ox < output.width; ox++, q += c) {
          const corner = i * this.inputSize + (oy * s * w + ox * s) * c;
          for (let py = 0; py < p; py++) {
            for (let px = 0; px < p; px++) {
              const at = corner + (py * w + px) * c;
              for (let ch = 0; ch < c; ch++) dx[at + ch] += dy[q + ch] * scale;
            }
          }
        }
      }
    }
    return dx;
  }
}
