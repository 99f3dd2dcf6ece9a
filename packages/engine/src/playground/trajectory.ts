// An optimizer's path on a 2-D surface, stepped by the engine's own optimizer classes (the ones
// training uses), so the playground shows exactly what training does.

import {
  createOptimizer,
  OPTIMIZER_DEFAULTS,
  type OptimizerConfig,
  type OptimizerType,
} from '../optimizers/create-optimizer.js';
import { SURFACES, type SurfaceName } from './surfaces.js';

/** The playground's shared controls; each optimizer reads the ones its rule has. */
export interface PlaygroundSettings {
  surface: SurfaceName;
  /** The quadratic's condition number. */
  condition: number;
  start: readonly [number, number];
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  steps: number;
}

export interface Trajectory {
  optimizer: OptimizerType;
  /** Points 0..length-1 (point 0 is the start); after a divergence the rest is not computed. */
  x: Float64Array;
  y: Float64Array;
  loss: Float64Array;
  length: number;
  /** The first step whose point is not finite or has left the window by ten of its widths. */
  divergedAt: number | null;
  /**
   * The step from which the point stayed within 1e-3 of the window (invisible in the drawing) for
   * STALL_STEPS steps, away from any known minimum: a plateau, a saddle or a crawl along a valley.
   */
  stalledAt: number | null;
  /** The first step within 1e-3 of the window from a known minimum. */
  convergedAt: number | null;
}

export const STALL_STEPS = 50;

/** The config of one optimizer under the playground's controls (other fields: its defaults). */
export function playgroundOptimizer(type: OptimizerType, s: PlaygroundSettings): OptimizerConfig {
  const config: OptimizerConfig = { type, ...OPTIMIZER_DEFAULTS[type], lr: s.lr };
  if (config.momentum !== undefined) config.momentum = s.momentum;
  if (config.beta1 !== undefined) config.beta1 = s.beta1;
  if (config.beta2 !== undefined) config.beta2 = s.beta2;
  return config;
}

export function trajectory(type: OptimizerType, s: PlaygroundSettings): Trajectory {
  const surface = SURFACES[s.surface];
  const [x0, x1, y0, y1] = surface.window;
  const span = Math.max(x1 - x0, y1 - y0);
  const value = new Float64Array(s.start);
  const grad = new Float64Array(2);
  const optimizer = createOptimizer(playgroundOptimizer(type, s), [
    { value, grad, regularized: true },
  ]);
  const n = s.steps + 1;
  const t: Trajectory = {
    optimizer: type,
    x: new Float64Array(n),
    y: new Float64Array(n),
    loss: new Float64Array(n),
    length: 0,
    divergedAt: null,
    stalledAt: null,
    convergedAt: null,
  };
  let stillSince = 0;
  for (let step = 0; step < n; step++) {
    if (step > 0) {
      surface.gradient(value[0], value[1], s.condition, grad);
      optimizer.step(s.lr);
    }
    const [x, y] = value;
    const loss = surface.value(x, y, s.condition);
    if (
      !Number.isFinite(loss) ||
      Math.abs(x - (x0 + x1) / 2) > 10 * span ||
      Math.abs(y - (y0 + y1) / 2) > 10 * span
    ) {
      t.divergedAt = step;
      break;
    }
    t.x[step] = x;
    t.y[step] = y;
    t.loss[step] = loss;
    t.length = step + 1;
    if (
      t.convergedAt === null &&
      surface.minima.some(([mx, my]) => Math.hypot(x - mx, y - my) < 1e-3 * span)
    ) {
      t.convergedAt = step;
    }
    if (step > 0 && Math.hypot(x - t.x[stillSince], y - t.y[stillSince]) >= 1e-3 * span) {
      stillSince = step;
    }
    if (t.stalledAt === null && t.convergedAt === null && step - stillSince >= STALL_STEPS) {
      t.stalledAt = stillSince;
    }
  }
  return t;
}
