import { heapAllocate, type Allocate } from '../kernels/arena.js';
import { AdaGrad } from './adagrad.js';
import { Adadelta } from './adadelta.js';
import { Adam } from './adam.js';
import type { Optimizer, OptimizerParam } from './optimizer.js';
import { RmsProp } from './rmsprop.js';
import { Sgd } from './sgd.js';

export const OPTIMIZER_TYPES = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'adadelta',
  'rmsprop',
  'adam',
  'amsgrad',
  'adamw',
] as const;
export type OptimizerType = (typeof OPTIMIZER_TYPES)[number];

export interface OptimizerConfig {
  type: OptimizerType;
  lr: number;
  weightDecay: number;
  momentum?: number;
  rho?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

const ADAM = { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } as const;

/**
 * Each optimizer's published defaults (the values PyTorch also uses, except RMSProp's rho 0.9 from
 * Hinton's lecture and AdamW's decay 0.01 from Loshchilov & Hutter). Only the fields a type reads
 * are filled in.
 */
export const OPTIMIZER_DEFAULTS: Record<OptimizerType, Omit<OptimizerConfig, 'type'>> = {
  sgd: { lr: 0.01, weightDecay: 0 },
  momentum: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
  nesterov: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
  adagrad: { lr: 0.01, eps: 1e-10, weightDecay: 0 },
  adadelta: { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
  rmsprop: { lr: 0.001, rho: 0.9, eps: 1e-8, weightDecay: 0 },
  adam: ADAM,
  amsgrad: ADAM,
  adamw: { ...ADAM, weightDecay: 0.01 },
};

/**
 * Copies of the params each optimizer keeps (moments, accumulators): what its state costs. Adam
 * keeps the first and second moment estimates m and v (Kingma & Ba 2015, Algorithm 1), AMSGrad
 * also the running maximum of v (Reddi et al. 2018); momentum one velocity (Sutskever et al. 2013).
 */
export const OPTIMIZER_SLOTS: Record<OptimizerType, number> = {
  sgd: 0,
  momentum: 1,
  nesterov: 1,
  adagrad: 1,
  adadelta: 2,
  rmsprop: 1,
  adam: 2,
  amsgrad: 3,
  adamw: 2,
};

/** Builds the optimizer of a validated config (every field of its type present). */
export function createOptimizer(
  c: OptimizerConfig,
  params: readonly OptimizerParam[],
  allocate: Allocate = heapAllocate,
): Optimizer {
  const wd = c.weightDecay;
  switch (c.type) {
    case 'sgd':
      return new Sgd(params, 0, false, wd, allocate);
    case 'momentum':
    case 'nesterov':
      return new Sgd(params, c.momentum!, c.type === 'nesterov', wd, allocate);
    case 'adagrad':
      return new AdaGrad(params, c.eps!, wd, allocate);
    case 'adadelta':
      return new Adadelta(params, c.rho!, c.eps!, wd, allocate);
    case 'rmsprop':
      return new RmsProp(params, c.rho!, c.eps!, wd, allocate);
    case 'adam':
    case 'adamw':
    case 'amsgrad':
      return new Adam(params, c.beta1!, c.beta2!, c.eps!, c.type === 'amsgrad', wd, allocate);
  }
}
