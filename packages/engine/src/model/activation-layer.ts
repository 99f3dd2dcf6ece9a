import { activate, activationBackward, type Activation } from '../kernels/activation.js';
import type { Layer } from './layer.js';

/** An activation on its own, in place; used after batch norm (otherwise Dense fuses it). */
export class ActivationLayer implements Layer {
  readonly params = [];
  readonly buffers = [];
  private output: Float32Array = new Float32Array(0);

  constructor(
    readonly kind: Activation,
    readonly outputSize: number,
  ) {}

  forward(x: Float32Array, n: number): Float32Array {
    activate(this.kind, x, n * this.outputSize);
    this.output = x;
    return x;
  }

  backward(dy: Float32Array, n: number): Float32Array {
    activationBackward(this.kind, this.output, dy, n * this.outputSize);
    return dy;
  }
}
