import { sigmoid } from './kernels/activation.js';

// Losses on the model's raw outputs (logits). Softmax and the sigmoid live here, fused with their
// losses for numerical stability. Each returns the batch-mean loss and writes dL/d(output).

export const LOSSES = ['cross_entropy', 'mse', 'binary_cross_entropy', 'hinge'] as const;
export type Loss = (typeof LOSSES)[number];

/** Multi-class hinge margin, as in PyTorch's MultiMarginLoss (Weston & Watkins, 1999). */
export const HINGE_MARGIN = 1;

/** Number of output units: one per class, or one for regression and binary log loss. */
export function outputWidth(loss: Loss, classes: number): number {
  if (loss === 'binary_cross_entropy' || classes === 0) return 1;
  return classes;
}

/**
 * Mean loss over the first n rows of `out` (n×width) against targets y (class index, or the target
 * value for regression). When grad is given it receives dL/d(out) of the mean loss.
 */
export function lossAndGrad(
  loss: Loss,
  out: Float32Array,
  y: Float32Array,
  n: number,
  width: number,
  grad: Float32Array | null,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const label = y[i];
    switch (loss) {
      case 'cross_entropy': {
        // log-sum-exp shifted by the row maximum
        let max = -Infinity;
        for (let j = 0; j < width; j++) if (out[row + j] > max) max = out[row + j];
        let sum = 0;
        for (let j = 0; j < width; j++) sum += Math.exp(out[row + j] - max);
        const logZ = max + Math.log(sum);
        total += logZ - out[row + label];
        if (grad) {
          for (let j = 0; j < width; j++) {
            const p = Math.exp(out[row + j] - logZ);
            grad[row + j] = (p - (j === label ? 1 : 0)) / n;
          }
        }
        break;
      }
      case 'mse': {
        // regression: one output against the target; classification: one-hot targets
        for (let j = 0; j < width; j++) {
          const target = width === 1 ? label : j === label ? 1 : 0;
          const diff = out[row + j] - target;
          total += (diff * diff) / width;
          if (grad) grad[row + j] = (2 * diff) / (width * n);
        }
        break;
      }
      case 'binary_cross_entropy': {
        const z = out[row];
        // log(1 + e^z) − z·y, written to avoid overflow
        total += Math.max(z, 0) - z * label + Math.log1p(Math.exp(-Math.abs(z)));
        if (grad) grad[row] = (sigmoid(z) - label) / n;
        break;
      }
      case 'hinge': {
        const correct = out[row + label];
        if (grad) grad[row + label] = 0;
        for (let j = 0; j < width; j++) {
          if (j === label) continue;
          const margin = HINGE_MARGIN - correct + out[row + j];
          const active = margin > 0;
          if (active) total += margin / width;
          if (grad) {
            grad[row + j] = active ? 1 / (width * n) : 0;
            if (active) grad[row + label] -= 1 / (width * n);
          }
        }
        break;
      }
    }
  }
  return total / n;
}

/** Predicted class of one output row: argmax, or the sign of the single logit. */
export function predictClass(out: Float32Array, row: number, width: number): number {
  if (width === 1) return out[row] > 0 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < width; j++) if (out[row * width + j] > out[row * width + best]) best = j;
  return best;
}
