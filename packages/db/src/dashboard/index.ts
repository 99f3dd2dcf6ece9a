// Read side of the dashboard and the REST API: aggregates shaped for what the pages draw.
export { downsampleLttb, type Series } from './downsample.js';
export {
  estimateParameterImportance,
  IMPORTANCE_BINS,
  type ImportanceSample,
  type ParameterImportance,
} from './importance.js';
export { getParameterImportance, type SweepImportance } from './parameter-importance.js';
export {
  findSweepSummary,
  listBestTrials,
  listSweepSummaries,
  FINISHED_TRIAL_STATES,
  type SweepSummary,
  type ArchivedFilter,
} from './sweep-summaries.js';
export { loadTrialTable, toTrialTable, type CellValue, type TrialTable } from './trial-table.js';
export {
  loadSweepCurves,
  pickCurveTrials,
  CURVE_LIMITS,
  type DrawnCurve,
  type SweepCurves,
} from './sweep-curves.js';
export { loadSweepUpdates, UPDATE_OVERLAP_MS, type SweepUpdates } from './sweep-updates.js';
export {
  listStopDecisions,
  type StopDecisionQuery,
  type StopDecisionRow,
} from './stop-decisions.js';
export {
  getTrialDetail,
  getTrialOrThrow,
  loadTrialComparison,
  loadTrialCurves,
  MAX_COMPARED_TRIALS,
  TRIAL_CURVE_POINTS,
  type TrialRef,
} from './trial-detail.js';
export { listTestEvaluations, testSetWarning } from './test-evaluations.js';
export {
  seedSyntheticSweep,
  SYNTHETIC_SPACE,
  type SyntheticSweepOptions,
} from './synthetic-sweep.js';
export {
  getSweepOverview,
  getSweepSettingsOrThrow,
  listTrialPage,
  type SweepSettingsRecord,
  type TrialPageQuery,
} from './sweep-overview.js';
export { loadBenchmarkTrials, type BenchmarkTrialRow } from './benchmark-trials.js';
