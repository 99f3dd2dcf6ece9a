import type { OptimizerType } from '@sweepwise/engine/playground';

/** One colour per engine optimizer (Tableau 10, minus its grey), shared by both playground plots. */
export const OPTIMIZER_COLORS: Record<OptimizerType, string> = {
  sgd: '#4e79a7',
  momentum: '#f28e2b',
  nesterov: '#e15759',
  adagrad: '#76b7b2',
  adadelta: '#59a14f',
  rmsprop: '#edc948',
  adam: '#b07aa1',
  amsgrad: '#ff9da7',
  adamw: '#9c755f',
};
