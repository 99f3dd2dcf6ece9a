import {
  developmentIndices,
  fitStandardizer,
  materialize,
  type Dataset,
  type Split,
  type Standardizer,
} from '@sweepwise/data';
import { validateConfig } from './config.js';
import type { TrainedModel } from './evaluate.js';
import { fitArrays, type RunOptions } from './fit.js';
import type { TrainResult } from './result.js';
import { trialSplit } from './train.js';

export interface DevelopmentFit {
  /** The retraining run on train + validation. */
  result: TrainResult;
  model: TrainedModel;
  dataset: Dataset;
  /** The split, test part still sealed: the promotion flow opens it and evaluates `model` once. */
  split: Split;
  /** Fitted on train + validation; apply it to the test rows too. Null without standardization. */
  standardizer: Standardizer | null;
}

/**
 * The first half of a promotion: retrains a trial's config on train + validation together for
 * `epochs` (the trial's best epoch; no validation set is left to stop on), with features
 * standardized on those rows. The caller (apps/worker's promotion flow, the only code allowed to
 * open the sealed test set) then evaluates the model once on the test rows with evaluateModel,
 * materializing them with this standardizer.
 */
export async function retrainOnDevelopment(
  config: unknown,
  dataset: Dataset,
  options: Omit<RunOptions, 'resumeFrom'> & { epochs: number },
): Promise<DevelopmentFit> {
  const { epochs, ...run } = options;
  const { dataset: datasetConfig, ...fitConfig } = validateConfig({
    ...(config as object),
    epochs,
    earlyStopping: { metric: 'train_loss', patience: null },
    // A cross-validated trial's final model is one model on the whole development pool.
    crossValidation: null,
  });
  const split = trialSplit({ dataset: datasetConfig, ...fitConfig }, dataset);
  const development = developmentIndices(split);
  const standardizer = datasetConfig.standardize ? fitStandardizer(dataset, development) : null;
  const { result, model } = await fitArrays({
    ...run,
    config: fitConfig,
    classes: dataset.classes,
    train: materialize(dataset, development, standardizer ?? undefined),
  });
  return { result, model, dataset, split, standardizer };
}
