import { Arena, type Allocate } from '../kernels/arena.js';
import { Optimizer, type OptimizerParam, type Vector } from './optimizer.js';

/**
 * Adam (Kingma & Ba, 2015) with bias correction: m ← β1·m + (1−β1)g, v ← β2·v + (1−β2)g²,
 * w ← w − lr·m̂/(√v̂ + ε). `amsgrad` uses the running maximum of v (Reddi et al., 2018, in
 * PyTorch's form); AdamW is this rule plus the base class's decoupled weight decay.
 */
export class Adam extends Optimizer {
  constructor(
    params: readonly OptimizerParam[],
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly amsgrad: boolean,
    weightDecay: number,
    allocate: Allocate,
  ) {
    super(params, amsgrad ? 3 : 2, weightDecay, allocate);
  }

  protected update(w: Vector, g: Vector, param: number, lr: number): void {
    const m = this.slot(param, 0);
    const v = this.slot(param, 1);
    const vmax = this.amsgrad ? this.slot(param, 2) : v;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** this.steps);
    const sqrtCorrection = Math.sqrt(1 - beta2 ** this.steps);
    const arena = this.amsgrad ? undefined : Arena.of(w, g, m, v);
    if (arena) {
      // in place, 4 lanes at a time, in single precision
      arena.kernels.adam(
        Math.ceil(w.length / 4),
        w.byteOffset,
        g.byteOffset,
        m.byteOffset,
        v.byteOffset,
        beta1,
        beta2,
        eps,
        stepSize,
        1 / sqrtCorrection,
      );
      return;
    }
    for (let j = 0; j < w.length; j++) {
      const gj = g[j];
      const mj = beta1 * m[j] + (1 - beta1) * gj;
      const vj = beta2 * v[j] + (1 - beta2) * gj * gj;
      m[j] = mj;
      v[j] = vj;
      let denom = vj;
      if (this.amsgrad) {
        denom = Math.max(vmax[j], vj);
        vmax[j] = denom;
      }
      w[j] -= (stepSize * mj) / (Math.sqrt(denom) / sqrtCorrection + eps);
    }
  }
}
