import type { Activation } from '../kernels/activation.js';
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
  ) {
    let width = spec.inputSize;
    spec.hidden.forEach((units, i) => {
      const dense = new Dense(
        width,
        units,
        spec.batchNorm ? 'linear' : spec.activation,
        capacity,
        i,
      );
      initWeights(spec.init, dense.weight.value, width, units, rng);
      this.layers.push(dense);
      if (spec.batchNorm) {
        this.layers.push(new BatchNorm(units, capacity, i));
        this.layers.push(new ActivationLayer(spec.activation, units));
      }
      if (spec.dropout > 0) this.layers.push(new Dropout(spec.dropout, units, capacity, rng));
      width = units;
    });
    const output = new Dense(width, spec.outputSize, 'linear', capacity, spec.hidden.length);
    initWeights(spec.init, output.weight.value, width, spec.outputSize, rng);
    this.layers.push(output);
    this.params = this.layers.flatMap((l) => l.params);
    this.state = [...this.params.map((p) => p.value), ...this.layers.flatMap((l) => l.buffers)];
    this.paramCount = this.params.reduce((s, p) => s + p.value.length, 0);
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
