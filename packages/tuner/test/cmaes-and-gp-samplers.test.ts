// The GP and CMA-ES samplers through their factories, with a small ask/tell loop that keeps a
// number of trials running (so pending-awareness is exercised) and can reload the sampler and the
// Rng from JSON mid-run.

import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { cmaesSampler, resolveCmaEsOptions } from '../src/samplers/cmaes.js';
import { gpSampler, resolveGpOptions } from '../src/samplers/gp.js';
import type { SamplerFactory } from '../src/samplers/sampler.js';
import { validateParams, validateSpace, type Params, type Space } from '../src/space.js';
import type { Direction, FrozenTrial } from '../src/trial.js';

interface DriveOptions {
  /** Trials kept running while the next one is asked. */
  running?: number;
  /** Rebuild sampler and Rng from their JSON before this ask. */
  reloadAt?: number;
  direction?: Direction;
}

function driveSampler(
  factory: SamplerFactory,
  options: Record<string, unknown>,
  space: Space,
  objective: (p: Params) => number,
  count: number,
  { running = 0, reloadAt = -1, direction = 'minimize' }: DriveOptions = {},
): { params: Params[]; values: number[] } {
  const seed = 11;
  let rng = Rng.fromSeed(seed);
  let sampler = factory.create({ options, space, seed });
  const trials: FrozenTrial[] = [];
  const values: number[] = [];
  const tellOldest = () => {
    const i = trials.findIndex((t) => t.state === 'running');
    const value = objective(trials[i].params);
    // As the study does: a NaN objective makes a failed trial.
    trials[i] = Number.isNaN(value)
      ? { ...trials[i], state: 'failed' }
      : { ...trials[i], state: 'completed', value };
    values.push(value);
  };
  for (let id = 0; id < count; id++) {
    if (id === reloadAt) {
      const state: unknown = JSON.parse(JSON.stringify(sampler.toJSON()));
      rng = Rng.fromJSON(JSON.parse(JSON.stringify(rng.toJSON())));
      sampler = factory.create({ options, space, seed, state });
    }
    const params = sampler.sample({
      space,
      direction,
      directions: [direction],
      trials: trials.slice(),
      rng,
    });
    if (!params) throw new Error('sampler exhausted');
    trials.push({ id, params, state: 'running', intermediate: [] });
    if (trials.filter((t) => t.state === 'running').length > running) tellOldest();
  }
  while (trials.some((t) => t.state === 'running')) tellOldest();
  return { params: trials.map((t) => t.params), values };
}

const CONTINUOUS = validateSpace({
  x: { type: 'float', low: -5, high: 5 },
  y: { type: 'float', low: -5, high: 5 },
  z: { type: 'float', low: 1e-3, high: 10, log: true },
});
const sphere = (p: Params) =>
  (p.x as number) ** 2 + ((p.y as number) - 1) ** 2 + Math.log10(p.z as number) ** 2;

const MIXED = validateSpace({
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  layers: { type: 'int', low: 1, high: 4 },
  batch: { type: 'int', low: 16, high: 256, step: 16 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
  epochs: { type: 'constant', value: 20 },
});
/** Best at lr = 1e-2, 3 layers, batch 64, adam. */
const mixedObjective = (p: Params) =>
  (Math.log10(p.lr as number) + 2) ** 2 +
  ((p.layers as number) - 3) ** 2 +
  ((p.batch as number) - 64) ** 2 / 1000 +
  (p.optimizer === 'adam' ? 0 : 1) +
  (p.optimizer === 'sgd' ? (p.momentum as number) : 0);

/** 50 configurations: continuous proposals easily round onto the same cell. */
const SMALL_DISCRETE = validateSpace({
  a: { type: 'int', low: 0, high: 9 },
  b: { type: 'int', low: 0, high: 4 },
});
const smallObjective = (p: Params) => ((p.a as number) - 3) ** 2 + ((p.b as number) - 1) ** 2;

/** No ask returned the params of one of the `running` trials asked just before it (still running). */
function expectNoRunningDuplicates(params: readonly Params[], running: number): void {
  params.forEach((p, i) => {
    const key = JSON.stringify(p);
    const window = params.slice(Math.max(0, i - running), i).map((q) => JSON.stringify(q));
    expect(window).not.toContain(key);
  });
}

describe('gp sampler', () => {
  const fast = { candidates: 256, refineStarts: 2, fitRestarts: 1 };

  it('finds the optimum of a mixed space with conditional parameters, emitting only legal params', () => {
    const { params, values } = driveSampler(gpSampler, fast, MIXED, mixedObjective, 30);
    for (const p of params) {
      expect(validateParams(MIXED, p)).toEqual(p);
      expect('momentum' in p).toBe(p.optimizer === 'sgd');
      expect(p.epochs).toBe(20);
    }
    expect(Math.min(...values)).toBeLessThan(0.1);
  });

  it('maximizes when asked to', () => {
    const { values } = driveSampler(gpSampler, fast, CONTINUOUS, (p) => -sphere(p), 25, {
      direction: 'maximize',
    });
    expect(Math.max(...values)).toBeGreaterThan(-0.05);
  });

  it('never proposes a running configuration twice', () => {
    const { params } = driveSampler(gpSampler, fast, CONTINUOUS, sphere, 24, { running: 4 });
    const keys = params.map((p) => JSON.stringify(p));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never hands out a running, evaluated or failed configuration of a small discrete space', () => {
    const failing = (p: Params) => ((p.b as number) === 4 ? NaN : smallObjective(p));
    const { params } = driveSampler(gpSampler, fast, SMALL_DISCRETE, failing, 30, {
      running: 10,
    });
    expect(new Set(params.map((p) => JSON.stringify(p))).size).toBe(30);
  });

  it('resumes from toJSON with identical next suggestions', () => {
    const whole = driveSampler(gpSampler, fast, MIXED, mixedObjective, 22, { running: 2 });
    const resumed = driveSampler(gpSampler, fast, MIXED, mixedObjective, 22, {
      running: 2,
      reloadAt: 16,
    });
    expect(resumed.params).toEqual(whole.params);
  });

  it('names the field of a bad option', () => {
    expect(() => resolveGpOptions({ startupTrials: 0 })).toThrow(
      /startupTrials must be >= 1, got 0/,
    );
    expect(() => resolveGpOptions({ startup: 'grid' })).toThrow(/startup must be one of/);
  });
});

describe('cmaes sampler', () => {
  it('minimizes a sphere through one-at-a-time asks', () => {
    const { values } = driveSampler(cmaesSampler, {}, CONTINUOUS, sphere, 400);
    expect(Math.min(...values)).toBeLessThan(1e-3);
  });

  it('never hands out a running configuration of a small discrete space', () => {
    const { params } = driveSampler(cmaesSampler, {}, SMALL_DISCRETE, smallObjective, 60, {
      running: 10,
    });
    expectNoRunningDuplicates(params, 10);
  });

  it('resumes from toJSON with identical suggestions, mid-generation with running trials', () => {
    const whole = driveSampler(cmaesSampler, {}, CONTINUOUS, sphere, 40, { running: 3 });
    const resumed = driveSampler(cmaesSampler, {}, CONTINUOUS, sphere, 40, {
      running: 3,
      reloadAt: 13,
    });
    expect(resumed.params).toEqual(whole.params);
  });

  it('names the field of a bad option and rejects categorical spaces', () => {
    expect(() => resolveCmaEsOptions({ sigma0: 0 })).toThrow(/sigma0 must be > 0, got 0/);
    expect(() => resolveCmaEsOptions({ popsize: 4 })).toThrow(/no option "popsize"/);
    const mixed = validateSpace({ o: { type: 'categorical', choices: ['a', 'b'] } });
    expect(() => cmaesSampler.create({ options: {}, space: mixed, seed: 1 })).toThrow(
      /"o" is categorical/,
    );
  });
});
