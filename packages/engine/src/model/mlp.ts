import type { Activation } from '../kernels/activation.js';
import { heapAllocate, type Allocate } from '../kernels/arena.js';
import type { Rng } from '../rng.js';
import { ActivationLayer } from './activation-layer.js';
import { BatchNorm } from './batch-norm.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { initWeights, type Init } from './init.js';
import type { Layer, Param } from './layer.js';

export interface MlpSpec {
  inputSize: number;
  outputSize: number;
  hidden: readonly number[];
  activation: Activation;
  dropout: number;
  batchNorm: boolean;
  init: Init;
}

/**
 * A multilayer perceptron: per hidden layer Dense → [BatchNorm → activation] → [Dropout], then a
 * linear output layer whose logits go to the loss (softmax/sigmoid are fused there). Buffers are
 * sized for `capacity` rows; larger inputs are fed in chunks by the caller.
 */
export class Mlp {
  readonly layers: Layer[] = [];
  readonly params: Param[];
  /** Everything that defines the model's function, in a fixed order: params then buffers. */
  readonly state: Float32Array[];
  readonly paramCount: number;

  constructor(
    readonly spec: MlpSpec,
    readonly capacity: number,
    rng: Rng,
    allocate: Allocate = heapAllocate,
  ) {
    let width = spec.inputSize;
    spec.hidden.forEach((units, i) => {
      const dense = new Dense(
        width,
        units,
        spec.batchNorm ? 'linear' : spec.activation,
        capacity,
        i,
        allocate,
      );
      initWeights(spec.init, dense.weight.value, width, units, rng);
      this.layers.push(dense);
      if (spec.batchNorm) {
        this.layers.push(new BatchNorm(units, capacity, i, allocate));
        this.layers.push(new ActivationLayer(spec.activation, units));
      }
      if (spec.dropout > 0) {
        this.layers.push(new Dropout(spec.dropout, units, capacity, rng, allocate));
      }
      width = units;
    });
    const output = new Dense(
      width,
      spec.outputSize,
      'linear',
      capacity,
      spec.hidden.length,
      allocate,
    );
    initWeights(spec.init, output.weight.value, width, spec.outputSize, rng);
    this.layers.push(output);
    this.params = this.layers.flatMap((l) => l.params);
    this.state = [...this.params.map((p) => p.value), ...this.layers.flatMap((l) => l.buffers)];
    this.paramCount = this.params.reduce((s, p) => s + p.value.length, 0);
  }

  /**
   * An upper bound of what a training run on this model allocates, for sizing its Arena: per
   * param its value, gradient and up to 3 optimizer slots; per batch row the input and its
   * gradient, and at most 8 buffers per unit (dense, batch norm, dropout, loss gradient). The
   * largest weight matrix bounds the packing space of a transposed product.
   */
  static footprint(spec: MlpSpec, capacity: number): { floats: number; largestWeight: number } {
    let params = 0;
    let units = 0;
    let largestWeight = 0;
    let width = spec.inputSize;
    for (const out of [...spec.hidden, spec.outputSize]) {
      params += width * out + 3 * out; // weight, bias, batch-norm scale and shift
      largestWeight = Math.max(largestWeight, width * out);
      units += out;
      width = out;
    }
    const buffers = 8 * (spec.hidden.length + 1) * 4; // each allocation pads to 4 floats
    const floats = 5 * params + capacity * (2 * spec.inputSize + 8 * units) + 2 * buffers;
    return { floats, largestWeight };
  }

  /** Logits for the first n ≤ capacity rows of x. */
  forward(x: Float32Array, n: number, training: boolean): Float32Array {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, n, training);
    return h;
  }

  /** Back-propagates dL/d(logits) (consumed in place) into every param's grad. */
  backward(gradOut: Float32Array, n: number): void {
    let g: Float32Array | null = gradOut;
    for (let i = this.layers.length - 1; i >= 0 && g !== null; i--) {
      g = this.layers[i].backward(g, n, i > 0);
    }
  }

  copyStateTo(target: Float32Array[]): void {
    this.state.forEach((s, i) => target[i].set(s));
  }

  loadState(source: readonly Float32Array[]): void {
    this.state.forEach((s, i) => s.set(source[i]));
  }
}
