// The explore half of PBT's exploit/explore step (Jaderberg et al. 2017, §3.2 "perturb"; Ray Tune's
// PopulationBasedTraining._explore): a copied configuration has each MUTABLE hyperparameter
// perturbed or resampled; everything else (architecture...) is copied as is, since the copied
// weights only fit the source's architecture.

import { numericFromUnit } from '../encoding.js';
import type { Rng } from '../rng.js';
import {
  isActive,
  type NumericParameter,
  type ParamValue,
  type Params,
  type Parameter,
  type Space,
} from '../space.js';
import type { PbtOptions } from './options.js';

/** How one hyperparameter changed in an explore step. */
export interface ParamChange {
  readonly from: ParamValue | null;
  readonly to: ParamValue;
  /** 'x0.8' / 'x1.2' (perturbed by that factor), 'resampled', or 'activated' (newly active). */
  readonly how: string;
}

export interface Explored {
  readonly params: Params;
  readonly changes: Readonly<Record<string, ParamChange>>;
}

/** Names of the parameters PBT may change while a member trains (declared `mutable: true`). */
export function mutableNames(space: Space): string[] {
  return space.parameters
    .filter((p) => p.mutable === true && p.type !== 'constant')
    .map((p) => p.name);
}

/**
 * The source's params with every active mutable parameter explored: categoricals are resampled;
 * numbers are resampled from their range with `resampleProbability`, otherwise multiplied by a
 * factor drawn from `perturbationFactors`, clipped to the range and put on the parameter's grid
 * (for a log parameter the product is a step of log(factor) in log space, the same size anywhere
 * in the range). A parameter that a changed categorical activates is drawn from its range.
 */
export function explore(space: Space, source: Params, rng: Rng, options: PbtOptions): Explored {
  const params: Params = {};
  const changes: Record<string, ParamChange> = {};
  for (const p of space.parameters) {
    if (!isActive(p, params)) continue;
    if (p.type === 'constant') {
      params[p.name] = p.value;
      continue;
    }
    const before = source[p.name];
    if (before === undefined) {
      params[p.name] = draw(p, rng);
      changes[p.name] = { from: null, to: params[p.name], how: 'activated' };
    } else if (p.mutable === true) {
      const { value, how } = mutate(p, before, rng, options);
      params[p.name] = value;
      changes[p.name] = { from: before, to: value, how };
    } else {
      params[p.name] = before;
    }
  }
  return { params, changes };
}

function mutate(
  p: Exclude<Parameter, { type: 'constant' }>,
  value: ParamValue,
  rng: Rng,
  options: PbtOptions,
): { value: ParamValue; how: string } {
  if (p.type === 'categorical') return { value: draw(p, rng), how: 'resampled' };
  if (rng.uniform() < options.resampleProbability) return { value: draw(p, rng), how: 'resampled' };
  const factor = rng.choice(options.perturbationFactors);
  return { value: perturb(p, value as number, factor), how: `x${factor}` };
}

/** `x * factor` clipped to the range and snapped to the parameter's grid. */
export function perturb(p: NumericParameter, x: number, factor: number): number {
  const scaled = p.log ? Math.exp(Math.log(x) + Math.log(factor)) : x * factor;
  let v = Math.min(p.high, Math.max(p.low, scaled));
  if (p.type === 'int' || p.step !== undefined) {
    const step = p.step ?? 1;
    const top = Math.floor((p.high - p.low) / step + 1e-9);
    const k = Math.round((v - p.low) / step);
    const k0 = Math.round((x - p.low) / step);
    // A small int (batch 2 x 1.2) would round back to itself and never move: take one step.
    const moved = k !== k0 || factor === 1 ? k : k0 + Math.sign(factor - 1);
    v = Number((p.low + Math.min(top, Math.max(0, moved)) * step).toPrecision(12));
  }
  return v;
}

function draw(p: Exclude<Parameter, { type: 'constant' }>, rng: Rng): ParamValue {
  return p.type === 'categorical' ? rng.choice(p.choices) : numericFromUnit(p, rng.uniform());
}
