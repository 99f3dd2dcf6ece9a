import type { Allocate } from '../kernels/arena.js';
import { Optimizer, type OptimizerParam, type Vector } from './optimizer.js';

/** RMSProp (Hinton, Coursera lecture 6e, 2012): E ← ρE + (1−ρ)g², w ← w − lr·g/(√E + ε). */
export class RmsProp extends Optimizer {
  constructor(
    params: readonly OptimizerParam[],
    readonly rho: number,
    readonly eps: number,
    weightDecay: number,
    allocate: Allocate,
  ) {
    super(params, 1, weightDecay, allocate);
  }

  protected update(w: Vector, g: Vector, param: number, lr: number): void {
    const sq = this.slot(param, 0);
    const rho = this.rho;
    for (let j = 0; j < w.length; j++) {
      const gj = g[j];
      const s = rho * sq[j] + (1 - rho) * gj * gj;
      sq[j] = s;
      w[j] -= (lr * gj) / (Math.sqrt(s) + this.eps);
    }
  }
}
