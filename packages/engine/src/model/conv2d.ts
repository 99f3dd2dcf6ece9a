import { activate, activationBackward, type Activation } from '../kernels/activation.js';
import { heapAllocate, type Allocate } from '../kernels/arena.js';
import { gemm, view, type MatrixView } from '../kernels/gemm.js';
import { col2imAdd, im2col, type ConvGeometry } from '../kernels/im2col.js';
import { param, type Layer, type Param } from './layer.js';
import { size, type ConvPlan } from './plan.js';

/**
 * Values of one block of the column matrix (64K floats, 256 KB): a block and the products over
 * it stay in a core's L2 cache, where the whole batch's matrix (tens of MB) would stream from
 * memory once per 8-column panel of the kernel. Measured on the reference CNN: see the README.
 */
const BLOCK_FLOATS = 1 << 16;

/** Rows of the column matrix per block: a multiple of 4 (the SIMD kernel's tile height). */
export function convBlockRows(fieldSize: number): number {
  return Math.max(4, Math.floor(BLOCK_FLOATS / fieldSize / 4) * 4);
}

/**
 * 2-D convolution y = f(conv(x, W) + b) over channels-last images, by im2col and matrix products:
 * each output position's receptive field is a row of the column matrix (kernel² × in-channels
 * values), so the layer is a dense layer over those rows, W stored (ky, kx, in-channel) × filters.
 * The product's rows are (sample, y, x) and its columns the filters: exactly the channels-last
 * output. The column matrix is built a block of rows at a time and rebuilt in the backward pass
 * (a copy, cheap beside the products), which also holds dL/d(cols) once dW is taken from it.
 */
export class Conv2D implements Layer {
  readonly weight: Param;
  readonly bias: Param;
  readonly params: readonly Param[];
  readonly buffers: readonly Float32Array[] = [];
  readonly outputSize: number;
  private readonly geometry: ConvGeometry;
  private readonly inputSize: number;
  private readonly positions: number;
  private readonly fieldSize: number;
  private readonly filters: number;
  private readonly blockRows: number;
  private readonly cols: Float32Array;
  private readonly output: Float32Array;
  /** The output's rows block by block, made once: a training step allocates nothing. */
  private readonly outputBlocks: Float32Array[] = [];
  private readonly inputGrad: Float32Array;
  private readonly colsView: MatrixView;
  private readonly colsT: MatrixView;
  private readonly weights: MatrixView;
  private readonly weightsT: MatrixView;
  /** The last forward pass's input, which the backward pass rebuilds the column matrix from. */
  private input: Float32Array;
  /** The block of dL/d(output) being worked on (data and offset set per block). */
  private readonly outputGradBlock: MatrixView;

  constructor(
    plan: ConvPlan,
    readonly activation: Activation,
    capacity: number,
    index: number,
    allocate: Allocate = heapAllocate,
    values?: Allocate,
  ) {
    const { input, output, config } = plan;
    this.geometry = {
      height: input.height,
      width: input.width,
      channels: input.channels,
      outHeight: output.height,
      outWidth: output.width,
      kernel: config.kernel,
      stride: config.stride,
      padTop: plan.padTop,
      padLeft: plan.padLeft,
    };
    this.inputSize = size(input);
    this.positions = output.height * output.width;
    this.fieldSize = config.kernel * config.kernel * input.channels;
    this.filters = config.conv;
    this.outputSize = size(output);
    const weightSize = this.fieldSize * this.filters;
    this.weight = param(`conv${index}.weight`, weightSize, true, allocate, values);
    this.bias = param(`conv${index}.bias`, this.filters, false, allocate, values);
    this.params = [this.weight, this.bias];
    const rows = capacity * this.positions;
    this.blockRows = Math.min(convBlockRows(this.fieldSize), rows);
    this.cols = allocate(this.blockRows * this.fieldSize);
    this.output = allocate(capacity * this.outputSize);
    for (let r0 = 0; r0 < rows; r0 += this.blockRows) {
      this.outputBlocks.push(this.output.subarray(r0 * this.filters, rows * this.filters));
    }
    this.inputGrad = allocate(capacity * this.inputSize);
    this.colsView = view(this.cols, this.fieldSize);
    this.colsT = view(this.cols, this.fieldSize, true);
    this.weights = view(this.weight.value, this.filters);
    this.weightsT = view(this.weight.value, this.filters, true);
    this.outputGradBlock = view(this.output, this.filters);
    this.input = this.inputGrad;
  }

  forward(x: Float32Array, n: number): Float32Array {
    const { fieldSize: k, filters: f, blockRows } = this;
    const rows = n * this.positions;
    this.input = x;
    for (let r0 = 0, b = 0; r0 < rows; r0 += blockRows, b++) {
      const m = Math.min(blockRows, rows - r0);
      im2col(x, this.geometry, r0, r0 + m, this.cols);
      gemm(m, f, k, this.colsView, this.weights, this.outputBlocks[b], f, false, this.bias.value);
    }
    activate(this.activation, this.output, n * this.outputSize);
    return this.output;
  }

  backward(dy: Float32Array, n: number, needInputGrad: boolean): Float32Array | null {
    const { fieldSize: k, filters: f, blockRows } = this;
    const rows = n * this.positions;
    activationBackward(this.activation, this.output, dy, rows * f);
    const db = this.bias.grad;
    db.fill(0);
    // four rows per pass: a quarter of the loads and stores of db
    const rows4 = rows - (rows % 4);
    for (let r = 0; r < rows4; r += 4) {
      const row = r * f;
      for (let j = 0; j < f; j++) {
        db[j] += dy[row + j] + dy[row + f + j] + (dy[row + 2 * f + j] + dy[row + 3 * f + j]);
      }
    }
    for (let r = rows4; r < rows; r++) {
      const row = r * f;
      for (let j = 0; j < f; j++) db[j] += dy[row + j];
    }
    if (needInputGrad) this.inputGrad.fill(0, 0, n * this.inputSize);
    // per block: dW += colsᵀ·dy, then dcols = dy·Wᵀ (into cols) and dx += col2im(dcols)
    const dyBlock = this.outputGradBlock;
    dyBlock.data = dy;
    for (let r0 = 0; r0 < rows; r0 += blockRows) {
      const m = Math.min(blockRows, rows - r0);
      dyBlock.offset = r0 * f;
      im2col(this.input, this.geometry, r0, r0 + m, this.cols);
      gemm(k, f, m, this.colsT, dyBlock, this.weight.grad, f, r0 > 0);
      if (!needInputGrad) continue;
      gemm(m, k, f, dyBlock, this.weightsT, this.cols, k);
      col2imAdd(this.cols, this.geometry, r0, r0 + m, this.inputGrad);
    }
    return needInputGrad ? this.inputGrad : null;
  }
}
