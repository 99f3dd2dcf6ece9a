// @sweepwise/sweeps: what a sweep is, in one place. Pure: imports only the cores, does no I/O.
// `@sweepwise/sweeps/spec` is the SweepSpec shape alone (no node: modules), for the browser.
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
  BENCHMARK_LIMITS,
  COMMAND_LIMITS,
  RENAMED_KEYS,
  benchmarkTrialCount,
  describeIssue,
  maxFailedTrialsOf,
  objectivesOf,
  sweepSpecSchema,
  type BenchmarkSpec,
  type BuiltinWorkload,
  type CommandWorkload,
  type EngineWorkload,
  type SpecNames,
  type SweepSettings,
  type SweepSpecInput,
  type SweepWorkload,
} from './spec.js';
export { SweepSpec, sweepSpecWithin, unknownMetric } from './sweep-spec.js';
export {
  hypervolumeHistoryOf,
  objectivePointsOf,
  paretoFrontOf,
  referencePointOf,
  studyConfigOf,
  tellOf,
  violatedConstraints,
  type ObjectivePoint,
} from './study-config.js';
export {
  parseSweepFile,
  readSweepFile,
  toSweepFile,
  SweepFileError,
  WandbFileError,
  SWEEP_FILE_LIMITS,
  type ParsedSweepFile,
} from './sweep-file.js';
export { ARGS_MACROS, argText, expandArgsMacro } from './command-args.js';
export { convertWandbSweep, isWandbSweep, WandbSweepError } from './wandb-sweep.js';
export { programToAllow, promotionRefusalOf, sweepSpecOf } from './stored-sweep.js';
export {
  COMMAND_ENV_LIMITS,
  commandEnvValues,
  redactCommandEnv,
  redactWorkload,
  refusedEnvName,
  type CommandEnv,
  type CommandEnvValue,
} from './command-env.js';
export {
  pbtLineage,
  pbtOverview,
  pbtSchedule,
  PbtHistoryError,
  type PbtHistory,
  type PbtHistoryEvent,
  type PbtMemberSchedule,
  type PbtOverview,
} from './pbt-lineage.js';
export { redactUrlPasswords } from './redact-url.js';
export {
  CONTINUE_SAMPLE_EVERY,
  SweepLoop,
  type StoredTrialState,
  type SweepBudget,
} from './loop/sweep-loop.js';
export { InMemoryTrialStore, type InMemoryTrial } from './loop/in-memory-trial-store.js';
export {
  systemClock,
  type AllocatedTrial,
  type AskedTrial,
  type Clock,
  type EndedTrial,
  type QueuedTrial,
  type StopDecisionRecord,
  type StopReply,
  type SweepLoopPorts,
  type TrialQueue,
  type TrialReport,
  type TrialStore,
} from './loop/ports.js';
export {
  bandOf,
  benchmarkRows,
  meanSd,
  medianOf,
  meetsTarget,
  performanceProfiles,
  profileAt,
  reachedAt,
  PROFILE_MAX_RATIO,
  WALL_GRID_POINTS,
  type BandPoint,
  type BenchmarkPoint,
  type BenchmarkRow,
  type BenchmarkTarget,
  type BenchmarkTrial,
  type PerformanceProfile,
  type SeedResult,
} from './benchmark/analysis.js';
export {
  BENCHMARK_PARAMS,
  benchmarkCellOf,
  benchmarkSpace,
  type BenchmarkCell,
} from './benchmark/benchmark-space.js';
export { engineConfigOf, mergeConfig } from './benchmark/engine-config.js';
export {
  benchmarkReport,
  benchmarkReportLines,
  benchmarkTrialOf,
  type BenchmarkReport,
  type StoredBenchmarkTrial,
} from './benchmark/report.js';
