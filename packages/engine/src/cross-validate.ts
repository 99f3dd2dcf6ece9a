import {
  developmentIndices,
  fitStandardizer,
  kFold,
  materialize,
  type Dataset,
} from '@sweepwise/data';
import { decodeCheckpoint, decodeFoldsCheckpoint, encodeFoldsCheckpoint } from './checkpoint.js';
import type { TrialConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { TrainingRun, type RunOptions } from './fit.js';
import { checkModelCost, MODEL_LIMITS_DEFAULTS, trialModelCost } from './model/cost.js';
import {
  bestMetricsOf,
  type EpochMetrics,
  type FoldResult,
  type TrainResult,
  type TrainStatus,
} from './result.js';
import { trialSplit } from './train.js';

/** What the mean of a cross-validated epoch is taken from: one fold's curve and kept epoch. */
export interface FoldProgress {
  curves: readonly EpochMetrics[];
  /** The epoch whose weights the fold keeps (0: none yet). */
  bestEpoch: number;
}

/** Metrics averaged across folds; the validation ones also get their spread. */
const MEAN_KEYS = ['train_loss', 'train_acc', 'val_loss', 'val_acc', 'lr'] as const;
const SPREAD_KEYS = ['val_loss', 'val_acc'] as const;

/**
 * A fold's values at `epoch`. A fold whose own early stopping ended it before `epoch` counts with
 * its best epoch, the weights it kept, so every epoch's mean is over all k folds.
 */
export function foldValuesAt(fold: FoldProgress, epoch: number): EpochMetrics {
  const at = epoch <= fold.curves.length ? epoch : fold.bestEpoch || fold.curves.length;
  return fold.curves[at - 1];
}

/**
 * Mean and spread across folds of one epoch. The spread is the population standard deviation
 * (ddof 0), as scikit-learn's cv_results_ std_test_score (numpy.std) reports it.
 */
export function crossValidatedEpoch(
  folds: readonly FoldProgress[],
  epoch: number,
  wallS: number,
): EpochMetrics {
  const values = folds.map((f) => foldValuesAt(f, epoch) as unknown as Record<string, number>);
  const out: Record<string, number> = { epoch };
  for (const key of MEAN_KEYS) {
    if (values[0][key] === undefined) continue;
    out[key] = mean(values.map((v) => v[key]));
  }
  for (const key of SPREAD_KEYS) {
    if (values[0][key] === undefined) continue;
    out[`${key}_std`] = std(values.map((v) => v[key]));
  }
  out.wall_s = wallS;
  return out as unknown as EpochMetrics;
}

/**
 * Runs a trial config with `crossValidation` set: k-fold cross-validation over the development
 * samples (train + validation of the config's split; the test part stays sealed), folds dealt by
 * kFold with the split's seed and stratification, so every trial of a sweep sees the same folds.
 * Fold f trains a model (the config's seed, features standardized on its training part) and is
 * validated on its held-out part. The k runs advance in lockstep, so onEpoch sees each epoch's
 * mean (and std) across folds, and may stop the whole run. Each fold keeps its own early stopping
 * and best weights; the run ends when every fold has ended. The run's best epoch is the best of
 * the mean curve, and its metrics are the means there, with each fold's values in `folds`.
 */
export async function crossValidate(
  config: TrialConfig,
  dataset: Dataset,
  options: RunOptions = {},
): Promise<TrainResult> {
  const k = config.crossValidation?.folds;
  if (k === undefined) throw new Error('crossValidate needs a config with crossValidation');
  const split = trialSplit(config, dataset);
  const pool = developmentIndices(split);
  if (k > pool.length) {
    throw new ConfigError(
      'crossValidation.folds',
      `crossValidation.folds must be <= the ${pool.length} development samples (train + validation), got ${k}`,
    );
  }
  // The k models train at once: refused before any of them is allocated.
  const shape = {
    features: dataset.features,
    image: dataset.shape ?? null,
    classes: dataset.classes,
    trainRows: pool.length,
  };
  checkModelCost(trialModelCost(config, shape), options.modelLimits ?? MODEL_LIMITS_DEFAULTS, k);
  const { seed, stratify } = config.dataset.split;
  const { dataset: _dataset, ...fitConfig } = config;
  const runs = kFold(dataset, k, seed, stratify, pool).map((fold) => {
    const standardizer = config.dataset.standardize ? fitStandardizer(dataset, fold.train) : null;
    return new TrainingRun({
      config: { ...fitConfig, crossValidation: null },
      classes: dataset.classes,
      train: materialize(dataset, fold.train, standardizer ?? undefined),
      validation: materialize(dataset, fold.validation, standardizer ?? undefined),
      ...(options.signal && { signal: options.signal }),
      ...(options.modelLimits && { modelLimits: options.modelLimits }),
    });
  });

  let wallBefore = 0;
  const curves: EpochMetrics[] = [];
  if (options.resumeFrom) {
    const saved = decodeFoldsCheckpoint(options.resumeFrom);
    if (saved.folds.length !== k) {
      throw new ConfigError(
        'resumeFrom',
        `resumeFrom: the checkpoint holds ${saved.folds.length} folds, the config asks for ${k}`,
      );
    }
    runs.forEach((run, i) => {
      run.restore(decodeCheckpoint(saved.folds[i]));
      // A fold that had ended by early stopping stays ended.
      run.patienceRanOut();
    });
    wallBefore = saved.wallTimeS;
    curves.push(...saved.curves);
  }
  const now = options.now ?? performance.now.bind(performance);
  const started = now();
  // Training time, as a single run's wall_s: the waits for onEpoch's answers are left out.
  let waitedMs = 0;
  let waitingSince: number | null = null;
  const wallTime = () => {
    const t = now();
    return (
      wallBefore + (t - started - waitedMs - (waitingSince === null ? 0 : t - waitingSince)) / 1000
    );
  };
  const progress = () => runs.map((run) => run.progress());

  let ended: { status: TrainStatus; reason: string } | null = null;
  while (ended === null && runs.some((run) => run.running)) {
    let advanced = false;
    for (const run of runs.filter((r) => r.running)) {
      if (await run.advance()) advanced = true;
    }
    // A diverged or aborted fold ends the run: the mean would be NaN or over fewer folds.
    const failed = runs.findIndex((run) =>
      ['diverged', 'stopped'].includes(run.ending?.status ?? ''),
    );
    if (failed >= 0) {
      const { status, reason } = runs[failed].ending!;
      ended = { status, reason: `fold ${failed + 1}: ${reason ?? status}` };
      break;
    }
    if (!advanced) break;
    const m = crossValidatedEpoch(progress(), curves.length + 1, wallTime());
    curves.push(m);
    if (options.onEpoch) {
      const checkpoint = () =>
        encodeFoldsCheckpoint({
          wallTimeS: wallTime(),
          curves,
          folds: runs.map((run) => run.checkpoint()),
        });
      waitingSince = now();
      const answer = await options.onEpoch(m, { checkpoint });
      waitedMs += now() - waitingSince;
      waitingSince = null;
      if (answer === 'stop') {
        ended = { status: 'stopped', reason: 'stopped by onEpoch' };
        break;
      }
    }
    for (const run of runs.filter((r) => r.running)) run.patienceRanOut();
  }

  const folds = runs.map((run) => run.finish().result);
  const bestEpoch = bestOf(curves, config);
  const allEarlyStopped = folds.every((f) => f.status === 'early_stopped');
  const outcome = ended ?? {
    status: allEarlyStopped ? 'early_stopped' : 'completed',
    reason: allEarlyStopped ? `every fold stopped early: ${folds[0].stopReason}` : undefined,
  };
  const result: TrainResult = {
    status: outcome.status,
    epochs: curves.length,
    bestEpoch,
    metrics: bestMetricsOf(curves[bestEpoch - 1]),
    curves,
    wallTimeS: wallTime(),
    paramCount: folds[0].paramCount,
    cost: folds[0].cost,
    folds: folds.map((f, i): FoldResult => ({
      status: f.status,
      epochs: f.epochs,
      bestEpoch: f.bestEpoch,
      metrics:
        bestEpoch > 0 ? bestMetricsOf(foldValuesAt(runs[i].progress(), bestEpoch)) : f.metrics,
    })),
  };
  if (outcome.reason !== undefined) result.stopReason = outcome.reason;
  const diverged = folds.find((f) => f.divergedAt);
  if (outcome.status === 'diverged' && diverged?.divergedAt)
    result.divergedAt = diverged.divergedAt;
  return result;
}

/** The epoch of the best mean of the monitored metric (the first of ties); 0 if none is finite. */
function bestOf(curves: readonly EpochMetrics[], config: TrialConfig): number {
  const metric = config.earlyStopping.metric;
  const minimize = metric !== 'val_acc';
  let best = 0;
  curves.forEach((m, i) => {
    const value = m[metric] ?? NaN;
    if (!Number.isFinite(value)) return;
    const current = best > 0 ? (curves[best - 1][metric] ?? NaN) : NaN;
    if (best === 0 || (minimize ? value < current : value > current)) best = i + 1;
  });
  return best;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: number[]): number {
  const mu = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - mu) ** 2)));
}
