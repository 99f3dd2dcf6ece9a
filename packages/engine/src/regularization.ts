import type { Param } from './model/layer.js';

/**
 * Adds the gradients of the penalty l1·Σ|w| + (l2/2)·Σw² over the regularized params (weights,
 * not biases or batch-norm scales).
 */
export function addPenaltyGradient(
  params: readonly Pick<Param, 'value' | 'grad' | 'regularized'>[],
  l1: number,
  l2: number,
): void {
  if (l1 === 0 && l2 === 0) return;
  for (const p of params) {
    if (!p.regularized) continue;
    const w = p.value;
    const g = p.grad;
    for (let i = 0; i < w.length; i++) g[i] += l1 * Math.sign(w[i]) + l2 * w[i];
  }
}

/** The penalty itself, for checks and reports. */
export function penalty(params: readonly Param[], l1: number, l2: number): number {
  let sum = 0;
  for (const p of params) {
    if (!p.regularized) continue;
    for (const w of p.value) sum += l1 * Math.abs(w) + 0.5 * l2 * w * w;
  }
  return sum;
}

/** Scales all gradients together so their global L2 norm is at most maxNorm; returns the norm. */
export function clipGradientNorm(params: readonly GradientHolder[], maxNorm: number): number {
  const norm = Math.sqrt(gradientSumOfSquares(params));
  if (norm > maxNorm) scaleGradients(params, maxNorm / norm);
  return norm;
}

type GradientHolder = Pick<Param, 'grad'>;

/** Σ g² over the params' gradients (a parallel run adds up each worker's slice). */
export function gradientSumOfSquares(params: readonly GradientHolder[]): number {
  let sq = 0;
  for (const p of params) for (const g of p.grad) sq += g * g;
  return sq;
}

export function scaleGradients(params: readonly GradientHolder[], scale: number): void {
  for (const p of params) {
    const g = p.grad;
    for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
}
