// Element-wise activations, applied in place on the first `count` elements of a buffer. The
// backward pass is written in terms of the forward output y where possible, so layers keep only y.

import { Arena } from './arena.js';

export const ACTIVATIONS = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Slope of leaky ReLU for negative inputs (Maas et al., 2013). */
export const LEAKY_SLOPE = 0.01;

export function activate(kind: Activation, x: Float32Array, count: number): void {
  switch (kind) {
    case 'relu': {
      // whole vectors by the SIMD kernel when x lives in an Arena, the rest here
      const arena = Arena.of(x, x);
      const vectors = arena ? count >> 2 : 0;
      if (vectors > 0) arena!.kernels.relu(x.byteOffset, vectors);
      for (let i = vectors * 4; i < count; i++) if (x[i] < 0) x[i] = 0;
      return;
    }
    case 'leaky_relu':
      for (let i = 0; i < count; i++) if (x[i] < 0) x[i] *= LEAKY_SLOPE;
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) x[i] = sigmoid(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) x[i] = Math.tanh(x[i]);
      return;
    case 'linear':
      return;
  }
}

/** grad[i] *= f'(pre-activation) given the activation output y (same sign as the input for ReLUs). */
export function activationBackward(
  kind: Activation,
  y: Float32Array,
  grad: Float32Array,
  count: number,
): void {
  switch (kind) {
    case 'relu': {
      const arena = Arena.of(y, grad);
      const vectors = arena ? count >> 2 : 0;
      if (vectors > 0) arena!.kernels.reluGrad(y.byteOffset, grad.byteOffset, vectors);
      for (let i = vectors * 4; i < count; i++) if (!(y[i] > 0)) grad[i] = 0;
      return;
    }
    case 'leaky_relu':
      for (let i = 0; i < count; i++) if (y[i] < 0) grad[i] *= LEAKY_SLOPE;
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) grad[i] *= y[i] * (1 - y[i]);
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) grad[i] *= 1 - y[i] * y[i];
      return;
    case 'linear':
      return;
  }
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
