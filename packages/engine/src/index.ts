// @sweepwise/engine: multilayer perceptrons and convolutional networks trained by the classic
// optimizers, in pure TypeScript.
export {
  train,
  trialData,
  trialSplit,
  datasetSpecOf,
  loadConfigDataset,
  type TrialData,
} from './train.js';
export {
  crossValidate,
  crossValidatedEpoch,
  foldValuesAt,
  type FoldProgress,
} from './cross-validate.js';
export { retrainOnDevelopment, type DevelopmentFit } from './retrain.js';
export {
  fitArrays,
  type FitConfig,
  type FitOptions,
  type FitOutput,
  type OnEpoch,
  type RunOptions,
} from './fit.js';
export {
  validateConfig,
  defaultConfig,
  withParams,
  CONFIG_DEFAULTS,
  CONFIG_LIMITS,
  EARLY_STOPPING_METRICS,
  type TrialConfig,
  type CrossValidationConfig,
  type DatasetConfig,
  type ModelConfig,
  type LayerConfig,
  type DenseLayerConfig,
  type ConvLayerConfig,
  type PoolLayerConfig,
  type FlattenLayerConfig,
  type MonitoredMetric,
} from './config.js';
export { ConfigError } from './config-error.js';
export {
  batchNormCost,
  checkModelCost,
  ModelLimitError,
  costMetricsOf,
  COST_METRICS,
  checkTrialModel,
  convCost,
  denseCost,
  dropoutCost,
  expectedDataShape,
  networkLayerCosts,
  modelCost,
  poolCost,
  modelLimitsFromEnv,
  trialModelCost,
  MODEL_LIMITS_DEFAULTS,
  type CostMetric,
  type CostMetrics,
  type ShapeCostMetrics,
  type DataShape,
  type LayerCost,
  type ModelCost,
  type ModelLimits,
  type TrainingShape,
} from './model/cost.js';
export type { EpochMetrics, TrainResult, TrainStatus, BestMetrics, FoldResult } from './result.js';
export { EPOCH_METRICS } from './result.js';
export {
  evaluateModel,
  scoreSamples,
  TrainedModel,
  type Samples,
  type TestEvaluation,
  type ClassReport,
} from './evaluate.js';
export {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_SLOTS,
  OPTIMIZER_TYPES,
  type OptimizerConfig,
  type OptimizerType,
} from './optimizers/create-optimizer.js';
export {
  SCHEDULE_DEFAULTS,
  SCHEDULE_TYPES,
  type ScheduleConfig,
  type ScheduleType,
} from './schedule.js';
export { LOSSES, type Loss } from './loss.js';
export { ACTIVATIONS, type Activation } from './kernels/activation.js';
export { INITS, type Init } from './model/init.js';
export { gemm, view, type MatrixView } from './kernels/gemm.js';
export { setSimdEnabled, simdAvailable } from './kernels/wasm/kernels.js';
export {
  PARALLEL_DEFAULTS,
  PARALLEL_MODES,
  PARALLEL_REDUCES,
  MAX_PARALLEL_WORKERS,
  threadsOf,
  onCores,
  type ParallelConfig,
  type ParallelMode,
  type ParallelReduce,
} from './parallel/parallel-config.js';
export { runShardWorker } from './parallel/shard-worker.js';
export type {
  ShardInit,
  ShardMessage,
  ShardPort,
  ShardThread,
  SpawnShardThread,
  PeersMessage,
} from './parallel/shard-thread.js';
