// @sweepwise/sweeps: what a sweep is, in one place. Pure: imports only the cores, does no I/O.
export {
  catalogue,
  metricsOfTask,
  BUILTIN_OBJECTIVE_NAMES,
  DATASETS,
  DATASET_NAMES,
  DEFAULT_MAX_CONCURRENT_TRIALS,
  SAMPLER_TYPES,
  STOPPER_TYPES,
  type AlgorithmEntry,
  type Catalogue,
  type DatasetEntry,
} from './catalogue.js';
export { BUILTIN_OBJECTIVES } from './builtin-objectives.js';
export {
  createSweepBodySchema,
  unknownMetric,
  type CreateSweepBody,
  type CreateSweepInput,
  type SweepWorkload,
} from './sweep-body.js';
export {
  parseSweepFile,
  readSweepFile,
  toSweepFile,
  SweepFileError,
  type SweepBody,
  type ParsedSweepFile,
  type BuiltinWorkload,
  type CommandWorkload,
  type Workload,
  type SweepSettings,
} from './sweep-file.js';
export { sweepBodyOf, type StoredSweep } from './stored-sweep.js';
