export * from './space.js';
export * from './encoding.js';
export * from './rng.js';
export * from './trial.js';
export * from './options.js';
export * from './study.js';
export type * from './samplers/sampler.js';
export type * from './stoppers/stopper.js';
export { SAMPLERS, samplerFactory } from './samplers/index.js';
export { STOPPERS, stopperFactory } from './stoppers/index.js';
export { RANDOM_DEFAULTS, uniformPoint } from './samplers/random.js';
export { GRID_DEFAULTS, GRID_MAX_POINTS, GRID_MAX_VALUES, gridSize } from './samplers/grid.js';
export { SOBOL_DEFAULTS, SOBOL_MAX_DIMS, ScrambledSobol } from './samplers/sobol.js';
export { EVOLUTION_DEFAULTS } from './samplers/evolution.js';
export { GP_DEFAULTS } from './samplers/gp.js';
export { CMAES_DEFAULTS } from './samplers/cmaes.js';
export { TPE_DEFAULTS } from './samplers/tpe.js';
export { NSGA2_DEFAULTS } from './samplers/nsga2.js';
export { PAREGO_DEFAULTS } from './samplers/parego.js';
export * from './pbt/index.js';
export {
  dominates,
  constrainedDominates,
  nonDominatedSort,
  crowdingDistance,
  paretoFront,
} from './pareto/dominance.js';
export { hypervolume } from './pareto/hypervolume.js';
export { paramsKey, avoidPending } from './samplers/pending.js';
export { ASHA_DEFAULTS } from './stoppers/asha.js';
export { HYPERBAND_DEFAULTS, HYPERBAND_MAX_BRACKETS } from './stoppers/hyperband.js';
export { MEDIAN_DEFAULTS } from './stoppers/median.js';
export { PERCENTILE_DEFAULTS } from './stoppers/percentile.js';
export { PATIENCE_DEFAULTS } from './stoppers/patience.js';
export { THRESHOLD_DEFAULTS } from './stoppers/threshold.js';
export * from './settings.js';
