// Population-based training (Jaderberg et al. 2017): the pure exploit/explore step, the population
// as data with its lineage, and a synchronous driver for one process.
export { PBT_DEFAULTS, pbtOptions, type PbtOptions } from './options.js';
export { explore, mutableNames, perturb, type Explored, type ParamChange } from './explore.js';
export {
  exploitExplore,
  lineageOf,
  Population,
  quantiles,
  scheduleOf,
  type LineageEvent,
  type PbtDecision,
  type PbtEvent,
  type PbtMember,
  type PbtPeer,
  type PbtSchedule,
  type PopulationJSON,
} from './population.js';
export {
  runPopulation,
  type MemberTraining,
  type PopulationRun,
  type RunPopulationOptions,
  type TrainMember,
} from './run-population.js';
export { pbtSampler } from '../samplers/pbt.js';
