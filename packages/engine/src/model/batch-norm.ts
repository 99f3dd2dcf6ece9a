import { heapAllocate, type Allocate } from '../kernels/arena.js';
import { param, type Layer, type Param } from './layer.js';

/** Running-average momentum and variance epsilon, PyTorch's BatchNorm1d defaults. */
export const BATCH_NORM = { momentum: 0.1, eps: 1e-5 } as const;

/**
 * Batch normalization (Ioffe & Szegedy, 2015): batch mean and variance in training, running
 * averages at inference, then the learnable scale (gamma) and shift (beta).
 */
export class BatchNorm implements Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly runningMean: Float32Array;
  readonly runningVar: Float32Array;
  readonly params: readonly Param[];
  readonly buffers: readonly Float32Array[];
  private readonly output: Float32Array;
  private readonly normalized: Float32Array;
  private readonly inputGrad: Float32Array;
  private readonly invStd: Float64Array;
  private readonly sumDy: Float64Array;
  private readonly sumDyXhat: Float64Array;

  constructor(
    readonly outputSize: number,
    capacity: number,
    index: number,
    allocate: Allocate = heapAllocate,
  ) {
    this.gamma = param(`batchnorm${index}.gamma`, outputSize, false, allocate);
    this.beta = param(`batchnorm${index}.beta`, outputSize, false, allocate);
    this.gamma.value.fill(1);
    this.params = [this.gamma, this.beta];
    this.runningMean = new Float32Array(outputSize);
    this.runningVar = new Float32Array(outputSize).fill(1);
    this.buffers = [this.runningMean, this.runningVar];
    this.output = allocate(capacity * outputSize);
    this.normalized = allocate(capacity * outputSize);
    this.inputGrad = allocate(capacity * outputSize);
    this.invStd = new Float64Array(outputSize);
    this.sumDy = new Float64Array(outputSize);
    this.sumDyXhat = new Float64Array(outputSize);
  }

  forward(x: Float32Array, n: number, training: boolean): Float32Array {
    const d = this.outputSize;
    const { momentum, eps } = BATCH_NORM;
    for (let j = 0; j < d; j++) {
      let mean: number;
      let variance: number;
      if (training) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i * d + j];
        mean = s / n;
        let v = 0;
        for (let i = 0; i < n; i++) v += (x[i * d + j] - mean) ** 2;
        variance = v / n;
        // running variance is the unbiased estimate, as in PyTorch
        const unbiased = n > 1 ? (variance * n) / (n - 1) : variance;
        this.runningMean[j] = (1 - momentum) * this.runningMean[j] + momentum * mean;
        this.runningVar[j] = (1 - momentum) * this.runningVar[j] + momentum * unbiased;
      } else {
        mean = this.runningMean[j];
        variance = this.runningVar[j];
      }
      const inv = 1 / Math.sqrt(variance + eps);
      this.invStd[j] = inv;
      const g = this.gamma.value[j];
      const b = this.beta.value[j];
      for (let i = 0; i < n; i++) {
        const q = i * d + j;
        const xhat = (x[q] - mean) * inv;
        this.normalized[q] = xhat;
        this.output[q] = g * xhat + b;
      }
    }
    return this.output;
  }

  backward(dy: Float32Array, n: number, needInputGrad: boolean): Float32Array | null {
    const d = this.outputSize;
    const xhat = this.normalized;
    this.sumDy.fill(0);
    this.sumDyXhat.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const q = i * d + j;
        this.sumDy[j] += dy[q];
        this.sumDyXhat[j] += dy[q] * xhat[q];
      }
    }
    for (let j = 0; j < d; j++) {
      this.gamma.grad[j] = this.sumDyXhat[j];
      this.beta.grad[j] = this.sumDy[j];
    }
    if (!needInputGrad) return null;
    // dx = gamma/σ · (dy − mean(dy) − x̂·mean(dy·x̂))
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const q = i * d + j;
        const scale = this.gamma.value[j] * this.invStd[j];
        this.inputGrad[q] = scale * (dy[q] - this.sumDy[j] / n - (xhat[q] * this.sumDyXhat[j]) / n);
      }
    }
    return this.inputGrad;
  }
}
