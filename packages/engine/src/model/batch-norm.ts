import { heapAllocate, type Allocate } from '../kernels/arena.js';
import { param, type Layer, type Param } from './layer.js';

/** Running-average momentum and variance epsilon, PyTorch's BatchNorm1d/2d defaults. */
export const BATCH_NORM = { momentum: 0.1, eps: 1e-5 } as const;

/**
 * Batch normalization (Ioffe & Szegedy, 2015): batch mean and variance in training, running
 * averages at inference, then the learnable scale (gamma) and shift (beta), per feature. Over
 * images (channels last) the features are the channels and every position of every sample is a
 * row of the statistics, as in PyTorch's BatchNorm2d: `positions` rows per sample.
 */
export class BatchNorm implements Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly runningMean: Float32Array;
  readonly runningVar: Float32Array;
  readonly params: readonly Param[];
  readonly buffers: readonly Float32Array[];
  readonly outputSize: number;
  private readonly output: Float32Array;
  private readonly normalized: Float32Array;
  private readonly inputGrad: Float32Array;
  private readonly mean: Float64Array;
  private readonly invStd: Float64Array;
  private readonly sumDy: Float64Array;
  private readonly sumDyXhat: Float64Array;

  constructor(
    readonly features: number,
    capacity: number,
    index: number,
    allocate: Allocate = heapAllocate,
    readonly positions = 1,
    values?: Allocate,
  ) {
    this.outputSize = features * positions;
    this.gamma = param(`batchnorm${index}.gamma`, features, false, allocate, values);
    this.beta = param(`batchnorm${index}.beta`, features, false, allocate, values);
    if (!values) this.gamma.value.fill(1); // shared values are another model's, already set
    this.params = [this.gamma, this.beta];
    // allocated with the weights, so a parallel run's workers can reach the coordinator's
    this.runningMean = allocate(features);
    this.runningVar = allocate(features).fill(1);
    this.buffers = [this.runningMean, this.runningVar];
    this.output = allocate(capacity * this.outputSize);
    this.normalized = allocate(capacity * this.outputSize);
    this.inputGrad = allocate(capacity * this.outputSize);
    this.mean = new Float64Array(features);
    this.invStd = new Float64Array(features);
    this.sumDy = new Float64Array(features);
    this.sumDyXhat = new Float64Array(features);
  }

  // Rows outermost, features innermost: unit-stride passes over the batch, each feature's sum
  // still taken over the rows in order.
  forward(x: Float32Array, n: number, training: boolean): Float32Array {
    const d = this.features;
    const rows = n * this.positions;
    const { mean, invStd } = this;
    const { momentum, eps } = BATCH_NORM;
    if (training) {
      mean.fill(0);
      for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
      for (let j = 0; j < d; j++) mean[j] /= rows;
      invStd.fill(0); // the sums of squares first
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < d; j++) invStd[j] += (x[r * d + j] - mean[j]) ** 2;
      }
      for (let j = 0; j < d; j++) {
        const variance = invStd[j] / rows;
        // running variance is the unbiased estimate, as in PyTorch
        const unbiased = rows > 1 ? (variance * rows) / (rows - 1) : variance;
        this.runningMean[j] = (1 - momentum) * this.runningMean[j] + momentum * mean[j];
        this.runningVar[j] = (1 - momentum) * this.runningVar[j] + momentum * unbiased;
        invStd[j] = 1 / Math.sqrt(variance + eps);
      }
    } else {
      for (let j = 0; j < d; j++) {
        mean[j] = this.runningMean[j];
        invStd[j] = 1 / Math.sqrt(this.runningVar[j] + eps);
      }
    }
    const g = this.gamma.value;
    const b = this.beta.value;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const q = r * d + j;
        const xhat = (x[q] - mean[j]) * invStd[j];
        this.normalized[q] = xhat;
        this.output[q] = g[j] * xhat + b[j];
      }
    }
    return this.output;
  }

  backward(dy: Float32Array, n: number, needInputGrad: boolean): Float32Array | null {
    const d = this.features;
    const rows = n * this.positions;
    const xhat = this.normalized;
    this.sumDy.fill(0);
    this.sumDyXhat.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const q = r * d + j;
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
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const q = r * d + j;
        const scale = this.gamma.value[j] * this.invStd[j];
        this.inputGrad[q] =
          scale * (dy[q] - this.sumDy[j] / rows - (xhat[q] * this.sumDyXhat[j]) / rows);
      }
    }
    return this.inputGrad;
  }
}
