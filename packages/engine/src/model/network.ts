import { heapAllocate, replayBuffers, type Allocate } from '../kernels/arena.js';
import type { Rng } from '../rng.js';
import { ActivationLayer } from './activation-layer.js';
import { BatchNorm } from './batch-norm.js';
import { Conv2D, convBlockRows } from './conv2d.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { initWeights } from './init.js';
import type { Layer, Param } from './layer.js';
import { planNetwork, size, type LayerPlan, type NetworkSpec } from './plan.js';
import { Pool2D } from './pool2d.js';

/**
 * A feed-forward network built from its plan: per conv or dense layer weights → [BatchNorm →
 * activation] → [Dropout after dense], pooling and flattening as planned, then a linear output
 * layer whose logits go to the loss (softmax/sigmoid are fused there). Buffers are sized for
 * `capacity` rows; larger inputs are fed in chunks by the caller. A replica passes `shared`, the
 * param values of a model of the same spec (a sync worker computes with its coordinator's weights
 * rather than a copy of them): its params use those, as they are, with gradients of their own.
 */
export class Network {
  readonly layers: Layer[] = [];
  readonly plan: readonly LayerPlan[];
  readonly params: Param[];
  /** Everything that defines the model's function, in a fixed order: params then buffers. */
  readonly state: Float32Array[];
  readonly paramCount: number;

  constructor(
    readonly spec: NetworkSpec,
    readonly capacity: number,
    rng: Rng,
    allocate: Allocate = heapAllocate,
    shared?: readonly Float32Array[],
  ) {
    const values = shared && replayBuffers(shared, 'a replica’s params');
    const init = (w: Float32Array, fanIn: number, fanOut: number) => {
      if (!values) initWeights(spec.init, w, fanIn, fanOut, rng); // shared: already initialized
    };
    this.plan = planNetwork(spec);
    this.plan.forEach((p, i) => {
      switch (p.kind) {
        case 'conv': {
          const { conv: filters, kernel, activation, batchNorm } = p.config;
          const conv = new Conv2D(
            p,
            batchNorm ? 'linear' : activation,
            capacity,
            i,
            allocate,
            values,
          );
          const fieldSize = kernel * kernel * p.input.channels;
          init(conv.weight.value, fieldSize, kernel * kernel * filters);
          this.layers.push(conv);
          if (batchNorm) {
            const positions = p.output.height * p.output.width;
            this.layers.push(new BatchNorm(filters, capacity, i, allocate, positions, values));
            this.layers.push(new ActivationLayer(activation, size(p.output)));
          }
          return;
        }
        case 'pool':
          this.layers.push(new Pool2D(p, capacity, allocate));
          return;
        case 'flatten':
          this.layers.push(new Flatten(p.size));
          return;
        case 'dense': {
          const { inputSize, outputSize: units, batchNorm, activation, dropout } = p;
          const dense = new Dense(
            inputSize,
            units,
            batchNorm ? 'linear' : activation,
            capacity,
            i,
            allocate,
            values,
          );
          init(dense.weight.value, inputSize, units);
          this.layers.push(dense);
          if (batchNorm) {
            this.layers.push(new BatchNorm(units, capacity, i, allocate, 1, values));
            this.layers.push(new ActivationLayer(activation, units));
          }
          if (dropout > 0) this.layers.push(new Dropout(dropout, units, capacity, rng, allocate));
        }
      }
    });
    this.params = this.layers.flatMap((l) => l.params);
    this.state = [...this.params.map((p) => p.value), ...this.layers.flatMap((l) => l.buffers)];
    this.paramCount = this.params.reduce((s, p) => s + p.value.length, 0);
  }

  /**
   * An upper bound of what a training run on this model allocates, for sizing its Arena: per
   * param its value, gradient and up to 3 optimizer slots; per batch row the input and its
   * gradient, and per layer at most 8 buffers of its output (dense or conv, batch norm, dropout,
   * loss gradient); per conv layer one block of its column matrix. The largest weight matrix bounds the
   * packing space of a transposed product.
   */
  static footprint(spec: NetworkSpec, capacity: number): { floats: number; largestWeight: number } {
    let params = 0;
    let rowFloats = 2 * spec.inputSize;
    let largestWeight = 0;
    let blocks = 0;
    const plan = planNetwork(spec);
    for (const p of plan) {
      if (p.kind === 'dense') {
        // weight, bias, batch-norm scale, shift, running mean and variance
        params += p.inputSize * p.outputSize + 5 * p.outputSize;
        largestWeight = Math.max(largestWeight, p.inputSize * p.outputSize);
        rowFloats += 8 * p.outputSize;
      } else if (p.kind === 'conv') {
        const fieldSize = p.config.kernel ** 2 * p.input.channels;
        params += (fieldSize + 5) * p.config.conv;
        largestWeight = Math.max(largestWeight, fieldSize * p.config.conv);
        rowFloats += 8 * size(p.output);
        blocks += convBlockRows(fieldSize) * fieldSize;
      } else if (p.kind === 'pool') {
        rowFloats += 2 * size(p.output) + size(p.input);
      }
    }
    const padding = 16 * 4 * plan.length; // each allocation pads to 4 floats
    return { floats: 5 * params + capacity * rowFloats + blocks + padding, largestWeight };
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
