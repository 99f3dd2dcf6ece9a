import {
  DataError,
  fitStandardizer,
  loadDataset,
  materialize,
  splitDataset,
  type Dataset,
  type DatasetSpec,
} from '@sweepwise/data';
import { validateConfig } from './config.js';
import { ConfigError } from './config-error.js';
import { fitArrays, type RunOptions } from './fit.js';
import type { TrainResult } from './result.js';

/**
 * Runs one trial: validates the config, loads the data set, splits it (the test part stays
 * sealed), standardizes features on the training split, and fits. A bad config or data set is a
 * ConfigError before any training.
 */
export async function train(config: unknown, options: RunOptions = {}): Promise<TrainResult> {
  const c = validateConfig(config);
  const { split: splitOptions, ...spec } = c.dataset;
  const ds = asConfigError(() => loadDataset(spec as DatasetSpec));
  const split = asConfigError(() => splitDataset(ds, splitOptions));
  const standardizer = fitStandardizer(ds, split.train);
  const { dataset: _dataset, ...fitConfig } = c;
  const { result } = await fitArrays({
    ...options,
    config: fitConfig,
    classes: ds.classes,
    train: materialize(ds, split.train, standardizer),
    validation: materialize(ds, split.validation, standardizer),
  });
  return result;
}

/** Data errors name fields of the data spec; in a trial config they live under `dataset`. */
function asConfigError<T extends Dataset | ReturnType<typeof splitDataset>>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    const field = err.field.startsWith('dataset') ? err.field : `dataset.${err.field}`;
    throw new ConfigError(field, `${field}: ${err.message.replace(/^[^:]*: /, '')}`);
  }
}
