export type {
  BundledDatasetName,
  BundledDatasetSpec,
  Dataset,
  DatasetSpec,
  FileDatasetSpec,
  ImageShape,
  MissingPolicy,
  MissingReport,
  Task,
} from './dataset.js';
export { BUNDLED_DATASETS } from './dataset.js';
export { dataPathProblem } from './data-path.js';
export type { DatasetSource } from './dataset-source.js';
export { DataError, TestSetSealedError } from './errors.js';
export { buildDataset, listDatasets, type DatasetInfo } from './load-dataset.js';
export { GENERATOR_DEFAULTS, GENERATED_MAX } from './synthetic.js';
export { MAX_CATEGORIES } from './tabular.js';
export {
  splitDataset,
  describeSplit,
  recreateSplit,
  splitMatches,
  datasetFingerprint,
  developmentIndices,
  SPLIT_DEFAULTS,
  type Split,
  type SplitDescriptor,
  type SplitFractions,
  type SplitOptions,
  type SplitSizes,
} from './split.js';
export {
  unsealTestSet,
  testSetAccesses,
  type SealedTestSet,
  type TestPromotion,
  type TestSetAccess,
} from './test-set-guard.js';
export {
  fitStandardizer,
  materialize,
  type Materialized,
  type Standardizer,
} from './standardize.js';
export { kFold, forwardChaining, type Fold } from './cross-validation.js';
export {
  splitWarnings,
  overTuningWarning,
  MIN_VALIDATION_SAMPLES,
  OVER_TUNING_TOLERANCE,
  type SplitWarning,
  type SplitWarningCode,
} from './hygiene.js';
