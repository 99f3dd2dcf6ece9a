import { heapAllocate, type Allocate } from '../kernels/arena.js';
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
    this.argmax = new Int32Array(this.type === 'max' ? capacity * this.outputSize : 0);
  }

  forward(x: Float32Array, n: number): Float32Array {
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
    return out;
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
