import { heapAllocate, type Allocate } from '../kernels/arena.js';
import { activate, activationBackward, type Activation } from '../kernels/activation.js';
import { gemm, view, type MatrixView } from '../kernels/gemm.js';
import { param, type Layer, type Param } from './layer.js';

/**
 * Fully connected layer y = f(x·W + b) with W stored inputs×outputs, row-major. The bias is added
 * by the matrix-multiply kernel as it stores each tile and the activation runs over the output
 * while it is still in cache; without batch norm the activation is fused here, with batch norm it
 * is a separate layer after the normalization.
 */
export class Dense implements Layer {
  readonly weight: Param;
  readonly bias: Param;
  readonly params: readonly Param[];
  readonly buffers: readonly Float32Array[] = [];
  private readonly output: Float32Array;
  private readonly inputGrad: Float32Array;
  // Matrix views are made once per buffer, not per call: a training step allocates nothing.
  private readonly weights: MatrixView;
  private readonly weightsT: MatrixView;
  private input: MatrixView;
  private inputT: MatrixView;
  private outputGrad: MatrixView;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    readonly activation: Activation,
    capacity: number,
    index: number,
    allocate: Allocate = heapAllocate,
    values?: Allocate,
  ) {
    this.weight = param(`dense${index}.weight`, inputSize * outputSize, true, allocate, values);
    this.bias = param(`dense${index}.bias`, outputSize, false, allocate, values);
    this.params = [this.weight, this.bias];
    this.output = allocate(capacity * outputSize);
    this.inputGrad = allocate(capacity * inputSize);
    this.weights = view(this.weight.value, outputSize);
    this.weightsT = view(this.weight.value, outputSize, true);
    this.input = view(this.inputGrad, inputSize);
    this.inputT = view(this.inputGrad, inputSize, true);
    this.outputGrad = view(this.output, outputSize);
  }

  forward(x: Float32Array, n: number): Float32Array {
    const { inputSize: k, outputSize: m } = this;
    if (this.input.data !== x) {
      this.input = view(x, k);
      this.inputT = view(x, k, true);
    }
    gemm(n, m, k, this.input, this.weights, this.output, m, false, this.bias.value);
    activate(this.activation, this.output, n * m);
    return this.output;
  }

  backward(dy: Float32Array, n: number, needInputGrad: boolean): Float32Array | null {
    const { inputSize: k, outputSize: m } = this;
    activationBackward(this.activation, this.output, dy, n * m);
    // dW = xᵀ·dy, db = column sums of dy, dx = dy·Wᵀ
    if (this.outputGrad.data !== dy) this.outputGrad = view(dy, m);
    gemm(k, m, n, this.inputT, this.outputGrad, this.weight.grad, m);
    const db = this.bias.grad;
    db.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * m;
      for (let j = 0; j < m; j++) db[j] += dy[row + j];
    }
    if (!needInputGrad) return null;
    gemm(n, k, m, this.outputGrad, this.weightsT, this.inputGrad, k);
    return this.inputGrad;
  }
}
