// What a run reports: per-epoch curve points and the final result of a trial.

import type { Task } from '@sweepwise/data';
import type { CostMetrics } from './model/cost.js';

/** An epoch's losses and accuracies; a run's result reports its best epoch's. */
export interface BestMetrics {
  /** Mean loss over the epoch's batches (data loss only, without the L1/L2 penalty). */
  train_loss: number;
  train_acc?: number;
  /** Validation loss after the epoch; NaN when the run has no validation set. */
  val_loss: number;
  val_acc?: number;
  /** Cross-validated runs: the spread (std) across folds of val_loss and val_acc. */
  val_loss_std?: number;
  val_acc_std?: number;
}

/**
 * The metrics every epoch reports, by task: what a sweep of the engine can take as its objective
 * (accuracies need classes). Cross-validated runs add the `_std` spreads, which are not objectives.
 */
export const EPOCH_METRICS = {
  classification: ['val_loss', 'val_acc', 'train_loss', 'train_acc'],
  regression: ['val_loss', 'train_loss'],
} as const satisfies Record<Task, readonly (keyof BestMetrics)[]>;

/** One curve point: the epoch's metrics with when and at what learning rate it ran. */
export interface EpochMetrics extends BestMetrics {
  /** 1-based. */
  epoch: number;
  /** Learning rate used during the epoch. */
  lr: number;
  /**
   * Wall seconds of training since the run started (resumed runs include the time before), not
   * counting the time onEpoch's caller took to answer.
   */
  wall_s: number;
  /**
   * Async data-parallel runs: how many updates other workers wrote between a gradient's read of
   * the weights and its own update, mean and largest over the epoch.
   */
  staleness?: number;
  staleness_max?: number;
}

/** The metrics of the best epoch's curve point; NaN losses when no epoch finished. */
export function bestMetricsOf(point: EpochMetrics | undefined): BestMetrics {
  if (!point) return { train_loss: NaN, val_loss: NaN };
  const {
    epoch: _epoch,
    lr: _lr,
    wall_s: _wallS,
    staleness: _staleness,
    staleness_max: _stalenessMax,
    ...metrics
  } = point;
  return metrics;
}

export type TrainStatus = 'completed' | 'stopped' | 'early_stopped' | 'diverged';

/** One fold of a cross-validated run. */
export interface FoldResult {
  status: TrainStatus;
  /** Epochs the fold trained (fewer than the run's when its own early stopping ended it). */
  epochs: number;
  /** The fold's own best epoch, whose weights it kept. */
  bestEpoch: number;
  /** The fold's values at the run's bestEpoch: the run's metrics are their mean. */
  metrics: BestMetrics;
}

export interface TrainResult {
  status: TrainStatus;
  /** Epochs completed. */
  epochs: number;
  /** Epoch whose weights the model ends with (best monitored metric); 0 if none finished. */
  bestEpoch: number;
  metrics: BestMetrics;
  curves: EpochMetrics[];
  stopReason?: string;
  /** Where the loss first became NaN or infinite; step is the 1-based batch within the epoch. */
  divergedAt?: { epoch: number; step: number };
  wallTimeS: number;
  /** Parameters of one model (each fold trains a model of this size). */
  paramCount: number;
  /** What one model costs, from its layer shapes (see COST_METRICS). */
  cost: CostMetrics;
  /** Cross-validated runs: one entry per fold, in fold order. */
  folds?: FoldResult[];
}
