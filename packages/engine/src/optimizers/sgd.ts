import type { Allocate } from '../kernels/arena.js';
import { Optimizer, type OptimizerParam, type Vector } from './optimizer.js';

/**
 * Stochastic gradient descent; full-batch, mini-batch and single-sample SGD differ only in the
 * batch size. With momentum μ > 0 it is Polyak's heavy ball (v ← μv + g, w ← w − lr·v), and with
 * `nesterov` Sutskever et al.'s (2013) Nesterov momentum (w ← w − lr·(g + μv)), both in PyTorch's
 * formulation.
 */
export class Sgd extends Optimizer {
  constructor(
    params: readonly OptimizerParam[],
    readonly momentum: number,
    readonly nesterov: boolean,
    weightDecay: number,
    allocate: Allocate,
  ) {
    super(params, momentum > 0 ? 1 : 0, weightDecay, allocate);
  }

  protected update(w: Vector, g: Vector, param: number, lr: number): void {
    if (this.slotCount === 0) {
      for (let j = 0; j < w.length; j++) w[j] -= lr * g[j];
      return;
    }
    const v = this.slot(param, 0);
    const mu = this.momentum;
    for (let j = 0; j < w.length; j++) {
      const vj = mu * v[j] + g[j];
      v[j] = vj;
      w[j] -= lr * (this.nesterov ? g[j] + mu * vj : vj);
    }
  }
}
