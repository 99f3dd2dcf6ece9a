import {
  DataError,
  fitStandardizer,
  materialize,
  splitDataset,
  type Dataset,
  type DatasetSpec,
  type Split,
  type Standardizer,
} from '@sweepwise/data';
import { validateConfig, type TrialConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { crossValidate } from './cross-validate.js';
import { fitArrays, type RunOptions } from './fit.js';
import type { Samples } from './evaluate.js';
import type { TrainResult } from './result.js';

/** A trial's data, ready for fitArrays: the split (test part sealed) and standardized arrays. */
export interface TrialData {
  dataset: Dataset;
  split: Split;
  /** Null when the config turns standardization off. */
  standardizer: Standardizer | null;
  train: Samples;
  validation: Samples;
}

/**
 * Splits the config's data set (the test part stays sealed) and standardizes features with
 * statistics of the training split only (unless the config says not to). Split errors become
 * ConfigErrors under `dataset`.
 */
export function trialData(config: TrialConfig, dataset: Dataset): TrialData {
  const split = trialSplit(config, dataset);
  const standardizer = config.dataset.standardize ? fitStandardizer(dataset, split.train) : null;
  return {
    dataset,
    split,
    standardizer,
    train: materialize(dataset, split.train, standardizer ?? undefined),
    validation: materialize(dataset, split.validation, standardizer ?? undefined),
  };
}

/**
 * Runs one trial on `dataset`, the data set the config names (loaded by the caller, e.g. with
 * loadConfigDataset): validates the config, splits the data and fits (or cross-validates, when
 * the config asks). A bad config or split is a ConfigError before any training.
 */
export async function train(
  config: unknown,
  dataset: Dataset,
  options: RunOptions = {},
): Promise<TrainResult> {
  const c = validateConfig(config);
  if (c.crossValidation) return crossValidate(c, dataset, options);
  const data = trialData(c, dataset);
  const { dataset: _dataset, ...fitConfig } = c;
  const { result } = await fitArrays({
    ...options,
    config: fitConfig,
    classes: data.dataset.classes,
    train: data.train,
    validation: data.validation,
  });
  return result;
}

/** The split (test part sealed) the config's `dataset.split` makes of its data set. */
export function trialSplit(config: TrialConfig, dataset: Dataset): Split {
  return asConfigError(() => splitDataset(dataset, config.dataset.split));
}

/** The data set spec a trial config names, without the options of its split and scaling. */
export function datasetSpecOf(config: TrialConfig): DatasetSpec {
  const { split: _split, standardize: _standardize, ...spec } = config.dataset;
  return spec as DatasetSpec;
}

/**
 * The config's data set, read by `load` (the caller's I/O: packages/runners reads files, the
 * engine none); data errors become ConfigErrors under `dataset`, as the config's own do.
 */
export function loadConfigDataset(
  config: TrialConfig,
  load: (spec: DatasetSpec) => Dataset,
): Dataset {
  return asConfigError(() => load(datasetSpecOf(config)));
}

/** Data errors name fields of the data spec; in a trial config they live under `dataset`. */
function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    const field = err.field.startsWith('dataset') ? err.field : `dataset.${err.field}`;
    throw new ConfigError(field, `${field}: ${err.message.replace(/^[^:]*: /, '')}`);
  }
}
