import {
  DataError,
  fitStandardizer,
  loadDataset,
  materialize,
  splitDataset,
  type DataFiles,
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
 * Loads the config's data set, splits it (the test part stays sealed) and standardizes features
 * with statistics of the training split only (unless the config says not to). Data errors become ConfigErrors under `dataset`.
 */
export function loadTrialData(config: TrialConfig, files?: DataFiles): TrialData {
  const { dataset, split } = loadSplit(config, files);
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
 * Runs one trial: validates the config, loads and splits the data and fits (or cross-validates,
 * when the config asks). A bad config or data set is a ConfigError before any training.
 */
export async function train(config: unknown, options: RunOptions = {}): Promise<TrainResult> {
  const c = validateConfig(config);
  if (c.crossValidation) return crossValidate(c, options);
  const data = loadTrialData(c, options.dataFiles);
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

/** The config's data set and its split (test part sealed); a file is read from `files`' root. */
export function loadSplit(
  config: TrialConfig,
  files?: DataFiles,
): { dataset: Dataset; split: Split } {
  const { split: splitOptions, standardize: _standardize, ...spec } = config.dataset;
  const dataset = asConfigError(() => loadDataset(spec as DatasetSpec, { files }));
  return { dataset, split: asConfigError(() => splitDataset(dataset, splitOptions)) };
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
