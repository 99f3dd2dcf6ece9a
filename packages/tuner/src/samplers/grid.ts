// Grid search: every combination of the listed values (or of `pointsPerParam` evenly spaced points
// per numeric parameter, log-spaced for log parameters; every choice of a categorical), each
// exactly once. Conditional parameters only multiply the branches where they are active. The
// points are visited in a seeded random order, so a grid stopped early still covers the space
// evenly (as Optuna's GridSampler does). The cursor is the only state: since every ask() takes the
// next point, N workers asking at once never share one; points already tried (enqueued or added
// trials) are skipped. Exhausted: sample() returns null and ask() throws StudyExhaustedError.

import { numericFromUnit } from '../encoding.js';
import { OptionsError, checkNumber, mergeOptions } from '../options.js';
import { Rng } from '../rng.js';
import {
  isActive,
  isLegal,
  levels,
  type Parameter,
  type ParamValue,
  type Params,
  type Space,
} from '../space.js';
import { paramsKey } from './pending.js';
import type { Sampler, SamplerFactory } from './sampler.js';

export const GRID_DEFAULTS = {
  /** Values to try per parameter name; parameters not listed get `pointsPerParam` points. */
  values: {} as Readonly<Record<string, readonly ParamValue[]>>,
  /** Evenly spaced points per float/int parameter without listed values. */
  pointsPerParam: 5,
};

/** Beyond this many points a grid is a mistake in the space, not a search plan. */
export const GRID_MAX_POINTS = 100_000;

function valuesOf(
  p: Parameter,
  listed: readonly ParamValue[] | undefined,
  points: number,
): ParamValue[] {
  if (p.type === 'constant') return [p.value];
  if (listed !== undefined) {
    if (!Array.isArray(listed) || listed.length === 0) {
      throw new OptionsError(`values.${p.name}`, `values.${p.name} must be a non-empty array`);
    }
    for (const v of listed) {
      if (!isLegal(p, v)) {
        throw new OptionsError(
          `values.${p.name}`,
          `values.${p.name}: ${JSON.stringify(v)} is not a legal value of ${p.name}`,
        );
      }
    }
    return [...new Set(listed)];
  }
  if (p.type === 'categorical') return [...p.choices];
  const n = Math.min(points, levels(p) ?? points);
  const out = new Set<ParamValue>();
  // Unit-cube points 0..1 map to low..high (log-spaced for log parameters, rounded for ints).
  for (let i = 0; i < n; i++) out.add(numericFromUnit(p, n === 1 ? 0.5 : i / (n - 1)));
  return [...out];
}

/** Every point of the grid, conditional parameters expanded only where active. */
function enumerate(space: Space, values: Map<string, ParamValue[]>): Params[] {
  const points: Params[] = [];
  const walk = (i: number, partial: Params): void => {
    if (i === space.parameters.length) {
      if (points.length >= GRID_MAX_POINTS) {
        throw new OptionsError(
          'values',
          `the grid has more than ${GRID_MAX_POINTS} points: list fewer values`,
        );
      }
      points.push({ ...partial });
      return;
    }
    const p = space.parameters[i];
    if (!isActive(p, partial)) return walk(i + 1, partial);
    for (const v of values.get(p.name)!) {
      partial[p.name] = v;
      walk(i + 1, partial);
    }
    delete partial[p.name];
  };
  walk(0, {});
  return points;
}

function parseCursor(state: unknown): number {
  if (state === undefined) return 0;
  const cursor = (state as { cursor?: unknown })?.cursor;
  if (!Number.isInteger(cursor) || (cursor as number) < 0) {
    throw new OptionsError('samplerState', 'grid state must be { cursor: integer >= 0 }');
  }
  return cursor as number;
}

export const gridSampler: SamplerFactory = {
  type: 'grid',
  defaults: GRID_DEFAULTS,
  create({ options, space, seed, state }): Sampler {
    const o = mergeOptions('grid sampler', GRID_DEFAULTS, options);
    const points = checkNumber('pointsPerParam', o.pointsPerParam, { min: 1, integer: true });
    const names = new Set(space.parameters.map((p) => p.name));
    for (const name of Object.keys(o.values ?? {})) {
      if (!names.has(name))
        throw new OptionsError(`values.${name}`, `values.${name}: no such parameter`);
    }
    const values = new Map(
      space.parameters.map((p) => [p.name, valuesOf(p, o.values?.[p.name], points)]),
    );
    const grid = enumerate(space, values);
    const order = Rng.fromSeed(seed).sampleIndices(grid.length, grid.length);
    let cursor = parseCursor(state);
    // Trials are append-only with immutable params, so their keys are collected incrementally:
    // ask() stays O(new trials) instead of O(all trials).
    const tried = new Set<string>();
    let seen = 0;
    return {
      type: 'grid',
      sample(ctx) {
        for (; seen < ctx.trials.length; seen++) tried.add(paramsKey(ctx.trials[seen].params));
        while (cursor < grid.length) {
          const point = grid[order[cursor++]];
          if (!tried.has(paramsKey(point))) return { ...point };
        }
        return null;
      },
      // `size` is informational (progress "cursor of size"); reload recomputes the grid.
      toJSON: () => ({ cursor, size: grid.length }),
    };
  },
};
