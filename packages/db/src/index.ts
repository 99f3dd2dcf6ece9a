export { createDb, getDb, pingDb, poolOf, setupAdvice, type Db, type DbPing } from './client.js';
export { databaseUrl, describeDatabaseUrl, DEFAULT_DATABASE_URL } from './env.js';
export { listSweeps } from './sweeps.js';
export { encodeFloat, upsertCurvePoints, type CurvePointInput } from './curves.js';
export { Prisma, type Sweep, type Trial, type CurvePoint, type StopDecision } from '@prisma/client';
export type { Checkpoint, TestEvaluation, PbtEvent, SweepStatus, TrialState } from '@prisma/client';
export * from './dashboard/index.js';
export {
  requestPromotion,
  resolvePromotionTarget,
  promotionRequestSchema,
  assertNoTestMetrics,
  isTestMetricName,
  pickBestTrial,
  withinBounds,
  type MetricBound,
  PromotionError,
  PromotionClaimLostError,
  TestMetricLeakError,
  TRAIN_ON,
  EPOCH_CHOICES,
  PROMOTION_DEFAULTS,
  PROMOTABLE_SWEEP_STATUSES,
  type TrainOn,
  type EpochChoice,
  type PromotionRefusal,
  type PromotionRequest,
  type PromotionTarget,
  type Promotion,
  type PromotionResult,
  type PromotionEvaluator,
  type PromotionOutcome,
} from './promotions.js';
export { NotFoundError, SweepStateError } from './errors.js';
export { deleteSweep, setSweepArchived, type DeletedSweep } from './sweep-lifecycle.js';
export { endOverdueSweeps, vacuumHotTables, HOT_TABLES } from './maintenance.js';
export { platformCounts } from './platform-counts.js';
export {
  createSweep,
  getSweepOrThrow,
  setSweepStatus,
  specOf,
  type CreateSweepOptions,
  type Direction,
  type StoredSpec,
  type SweepAction,
} from './sweeps.js';
export * from './trials.js';
export {
  TrialClaimer,
  TrialFinisher,
  type TrialBatchOptions,
  type TrialFinisherOptions,
} from './trial-batches.js';
export * from './controller-lease.js';
export { recordStopDecisions, type StopDecisionInput } from './stop-decisions.js';
export {
  applyCheckpointRetention,
  keepCheckpoint,
  latestCheckpoint,
  saveCheckpoint,
  DEFAULT_KEEP_BEST_CHECKPOINTS,
  type RetentionOptions,
} from './checkpoints.js';
export {
  checkpointStoreFromEnv,
  FileCheckpointStore,
  type CheckpointStore,
} from './checkpoint-store.js';
export { isTransientDbError, withDbRetry, type DbRetryOptions } from './retry.js';
export { CurveBuffer, type CurveBufferOptions } from './curve-buffer.js';
export * from './pbt.js';
