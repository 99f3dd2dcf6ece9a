// Grid search: every combination of the listed values (or of `pointsPerParam` evenly spaced points
// per numeric parameter, log-spaced for log parameters; every choice of a categorical), each
// exactly once. Conditional parameters only multiply the branches where they are active. The
// points are visited in a seeded random order, so a grid stopped early still covers the space
// evenly (as Optuna's GridSampler does). The cursor is the only state: since every ask() takes the
// next point, N workers asking at once never share one; points already tried (enqueued or added
// trials) are skipped. Exhausted: sample() returns null and ask() throws StudyExhaustedError.

import { numericFromUnit } from '../encoding.js';
import { OptionsError, showValue } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings } from '../settings.js';
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

/** Beyond this many points a grid is a mistake in the space, not a search plan. */
export const GRID_MAX_POINTS = 100_000;
/** Points or listed values per parameter: more is a random search written as a grid. */
export const GRID_MAX_VALUES = 1000;

export const GRID_SETTINGS = defineSettings({
  values: {
    kind: 'values',
    default: {},
    help: 'Values to try per parameter name; parameters not listed get pointsPerParam points.',
  },
  pointsPerParam: {
    kind: 'int',
    default: 5,
    min: 1,
    max: GRID_MAX_VALUES,
    help: 'Evenly spaced points per float/int parameter without listed values (log-spaced for log ones).',
  },
});

export const GRID_DEFAULTS = defaultsOf(GRID_SETTINGS);

function valuesOf(
  p: Parameter,
  listed: readonly ParamValue[] | undefined,
  points: number,
): ParamValue[] {
  if (p.type === 'constant') return [p.value];
  if (listed !== undefined) {
    if (!Array.isArray(listed) || listed.length === 0 || listed.length > GRID_MAX_VALUES) {
      throw new OptionsError(
        `values.${p.name}`,
        `values.${p.name} must be an array of 1..${GRID_MAX_VALUES} values, got ${Array.isArray(listed) ? `${listed.length} values` : showValue(listed)}`,
      );
    }
    const legal = legalValue(p);
    for (const v of listed) {
      if (!legal(v)) {
        throw new OptionsError(
          `values.${p.name}`,
          `values.${p.name}: ${showValue(v)} is not a legal value of ${p.name}`,
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

/** isLegal with a categorical's choices in a set: listed values are checked in linear time. */
function legalValue(p: Parameter): (v: unknown) => boolean {
  if (p.type !== 'categorical') return (v) => isLegal(p, v);
  const choices = new Set<unknown>(p.choices);
  return (v) => choices.has(v);
}

/**
 * The number of points, counted before any is made: the product of the value counts when no
 * parameter is conditional, else a walk that counts without building points and gives up
 * past `cap` (so it costs at most `cap` leaves).
 */
export function gridSize(space: Space, values: Map<string, ParamValue[]>, cap: number): number {
  if (space.parameters.every((p) => p.when === undefined)) {
    return space.parameters.reduce((n, p) => n * values.get(p.name)!.length, 1);
  }
  let count = 0;
  const partial: Params = {};
  const walk = (i: number): void => {
    if (count > cap) return;
    if (i === space.parameters.length) {
      count++;
      return;
    }
    const p = space.parameters[i];
    if (!isActive(p, partial)) return walk(i + 1);
    for (const v of values.get(p.name)!) {
      partial[p.name] = v;
      walk(i + 1);
    }
    delete partial[p.name];
  };
  walk(0);
  return count;
}

/** Every point of the grid, conditional parameters expanded only where active. */
function enumerate(space: Space, values: Map<string, ParamValue[]>): Params[] {
  const points: Params[] = [];
  const walk = (i: number, partial: Params): void => {
    if (i === space.parameters.length) {
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
  settings: GRID_SETTINGS,
  defaults: GRID_DEFAULTS,
  multiObjective: true,
  create({ options, space, seed, state }): Sampler {
    const o = resolveSettings('grid sampler', GRID_SETTINGS, options);
    const points = o.pointsPerParam;
    const names = new Set(space.parameters.map((p) => p.name));
    for (const name of Object.keys(o.values)) {
      if (!names.has(name))
        throw new OptionsError(`values.${name}`, `values.${name}: no such parameter`);
    }
    const values = new Map(
      space.parameters.map((p) => [p.name, valuesOf(p, o.values[p.name], points)]),
    );
    const size = gridSize(space, values, GRID_MAX_POINTS);
    if (size > GRID_MAX_POINTS) {
      const listed = Object.keys(o.values).length > 0;
      const exact = space.parameters.every((p) => p.when === undefined);
      const counted = exact ? String(size) : `more than ${GRID_MAX_POINTS}`;
      throw new OptionsError(
        listed ? 'values' : 'pointsPerParam',
        `the grid must have <= ${GRID_MAX_POINTS} points, got ${counted}: ${listed ? 'list fewer values' : 'lower pointsPerParam'}`,
      );
    }
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
