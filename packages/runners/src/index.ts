// @sweepwise/runners: what runs a trial (one TrialRunner contract: engine, command, builtin, PBT
// member; and a promotion's retrain), for the worker and the CLI alike, and the data loaders
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
export {
  describeError,
  outOfMemory,
  trialSweepOf,
  type TrialContext,
  type TrialIO,
  type TrialOutcome,
  type TrialRunner,
  type TrialSweep,
} from './trial-runner.js';
export { runnerFor, trialThreads } from './runner-for.js';
export { builtinRunner } from './builtin-runner.js';
export { commandRunner } from './command/command-runner.js';
export {
  childEnv,
  codeDir,
  CommandTrialError,
  COMMAND_RUNNER_DEFAULTS,
  fillPlaceholders,
  paramEnvName,
  parseReportLine,
  runCommandTrial,
  type CommandTrialOptions,
  type CommandTrialResult,
  type CommandTrialStatus,
} from './command/command-trial.js';
export {
  closeEngineThreads,
  engineRunner,
  trialHeapMb,
  TRIAL_HEAP_MB,
} from './engine/engine-runner.js';
export {
  pbtMemberRunner,
  type PbtExploit,
  type PbtLockedStore,
  type PbtMemberStore,
  type PbtPeerScore,
  type PbtReason,
} from './pbt/pbt-member-runner.js';
export { InMemoryPbtStore, inMemoryPbtRunner } from './pbt/in-memory-pbt-store.js';
export {
  engineMemberTrainer,
  memberConfig,
  trainEngineMember,
  type EngineMemberState,
  type MemberData,
} from './pbt/engine-member.js';
export {
  evaluatePromotion,
  PromotionError,
  retrainEpochs,
  type PromotionEvaluation,
  type PromotionInput,
  type PromotionMetrics,
  type PromotionTrial,
} from './promotion/evaluate-promotion.js';
export { loadConfigDataset, sweepSplit, type SweepSplit } from './promotion/sweep-split.js';
export { setLongTimeout, type LongTimeout } from './long-timeout.js';
