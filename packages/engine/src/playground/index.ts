// @sweepwise/engine/playground: the 2-D optimizer playground's model, safe in a browser (it reaches
// the engine's optimizers and nothing that reads data sets).
export {
  DEFAULT_CONDITION,
  SURFACE_NAMES,
  SURFACES,
  type Surface,
  type SurfaceName,
} from './surfaces.js';
export {
  playgroundOptimizer,
  trajectory,
  STALL_STEPS,
  type PlaygroundSettings,
  type Trajectory,
} from './trajectory.js';
export {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_TYPES,
  type OptimizerConfig,
  type OptimizerType,
} from '../optimizers/create-optimizer.js';
