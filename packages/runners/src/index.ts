// @sweepwise/runners: what runs a trial, for the worker and the CLI alike, and the data loaders
// (the cores read no files: this package does).
export {
  dataFilesFromEnv,
  readDataFile,
  DATA_FILE_MAX_BYTES,
  type DataFiles,
} from './datasets/data-files.js';
export {
  fileSource,
  loadDataset,
  loadTrialData,
  loadTrialDataset,
} from './datasets/load-dataset.js';
