// The optimizer contract. An optimizer is bound to the params it updates, keeps its per-param
// state ("slots": moments, accumulators) in arrays of the params' own precision, and counts steps.
// Decoupled weight decay (Loshchilov & Hutter, 2019) is applied here for every optimizer, to the
// regularized params (weights, not biases): w ← w − lr·λ·w before the optimizer's own update.

import type { Allocate } from '../kernels/arena.js';

export type Vector = Float32Array | Float64Array;

export interface OptimizerParam {
  readonly value: Vector;
  readonly grad: Vector;
  readonly regularized: boolean;
}

export abstract class Optimizer {
  /** Steps taken so far; the step being applied is number `steps` during update(). */
  steps = 0;
  /** Every param's slots, param-major: slots[i * slotCount + s]. Saved in checkpoints. */
  readonly slots: Vector[] = [];

  constructor(
    readonly params: readonly OptimizerParam[],
    readonly slotCount: number,
    readonly weightDecay: number,
    allocate: Allocate,
  ) {
    for (const p of params) {
      for (let s = 0; s < slotCount; s++) {
        const n = p.value.length;
        this.slots.push(p.value instanceof Float64Array ? new Float64Array(n) : allocate(n));
      }
    }
  }

  step(lr: number): void {
    this.steps++;
    const decay = 1 - lr * this.weightDecay;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      if (this.weightDecay > 0 && p.regularized) {
        const w = p.value;
        for (let j = 0; j < w.length; j++) w[j] *= decay;
      }
      this.update(p.value, p.grad, i, lr);
    }
  }

  protected slot(param: number, s: number): Vector {
    return this.slots[param * this.slotCount + s];
  }

  /** Applies this optimizer's rule to one param. */
  protected abstract update(w: Vector, g: Vector, param: number, lr: number): void;
}
