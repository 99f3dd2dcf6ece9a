import type { Allocate } from '../kernels/arena.js';
import { Optimizer, type OptimizerParam, type Vector } from './optimizer.js';

/**
 * Adadelta (Zeiler, 2012): E[g²] ← ρE[g²] + (1−ρ)g², Δ = √(E[Δ²]+ε)/√(E[g²]+ε)·g,
 * E[Δ²] ← ρE[Δ²] + (1−ρ)Δ², w ← w − lr·Δ (lr 1 is the paper's rule).
 */
export class Adadelta extends Optimizer {
  constructor(
    params: readonly OptimizerParam[],
    readonly rho: number,
    readonly eps: number,
    weightDecay: number,
    allocate: Allocate,
  ) {
    super(params, 2, weightDecay, allocate);
  }

  protected update(w: Vector, g: Vector, param: number, lr: number): void {
    const sq = this.slot(param, 0);
    const delta = this.slot(param, 1);
    const { rho, eps } = this;
    for (let j = 0; j < w.length; j++) {
      const gj = g[j];
      const s = rho * sq[j] + (1 - rho) * gj * gj;
      sq[j] = s;
      const d = (Math.sqrt(delta[j] + eps) / Math.sqrt(s + eps)) * gj;
      delta[j] = rho * delta[j] + (1 - rho) * d * d;
      w[j] -= lr * d;
    }
  }
}
