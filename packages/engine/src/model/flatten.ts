import type { Layer } from './layer.js';

/**
 * Images to flat features. Channels-last images are already one row of features per sample in
 * memory, so flattening only changes how the next layer reads them: nothing is copied.
 */
export class Flatten implements Layer {
  readonly params = [];
  readonly buffers = [];

  constructor(readonly outputSize: number) {}

  forward(x: Float32Array): Float32Array {
    return x;
  }

  backward(dy: Float32Array): Float32Array {
    return dy;
  }
}
