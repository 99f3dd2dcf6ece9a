import type { Allocate } from '../kernels/arena.js';
import { Optimizer, type OptimizerParam, type Vector } from './optimizer.js';

/** AdaGrad (Duchi et al., 2011): G ← G + g², w ← w − lr·g/(√G + ε). */
export class AdaGrad extends Optimizer {
  constructor(
    params: readonly OptimizerParam[],
    readonly eps: number,
    weightDecay: number,
    allocate: Allocate,
  ) {
    super(params, 1, weightDecay, allocate);
  }

  protected update(w: Vector, g: Vector, param: number, lr: number): void {
    const acc = this.slot(param, 0);
    for (let j = 0; j < w.length; j++) {
      const gj = g[j];
      const a = acc[j] + gj * gj;
      acc[j] = a;
      w[j] -= (lr * gj) / (Math.sqrt(a) + this.eps);
    }
  }
}
