import { describe, expect, it } from 'vitest';
import {
  createStudy,
  GRID_MAX_POINTS,
  gridSize,
  OptionsError,
  SPACE_LIMITS,
  SpaceError,
  validateSpace,
  type ParamValue,
} from '../src/index.js';

const SPACE = { x: { type: 'float', low: 0, high: 1 }, y: { type: 'int', low: 1, high: 64 } };

function refusal(run: () => unknown): Error & { field?: string; param?: string } {
  try {
    run();
  } catch (err) {
    expect(err).toSatisfy((e) => e instanceof OptionsError || e instanceof SpaceError);
    return err as Error;
  }
  throw new Error('accepted');
}

const sampler =
  (options: Record<string, unknown>, space: object = SPACE) =>
  () =>
    createStudy({ space, direction: 'minimize', sampler: { seed: 1, ...options } as never });
const stopper = (options: Record<string, unknown>) => () =>
  createStudy({
    space: SPACE,
    direction: 'minimize',
    sampler: { type: 'random', seed: 1 },
    stopper: options as never,
  });

/** Each option one past its maximum: the field and the bound in the message. */
const OVER: [string, () => unknown, string, string][] = [
  [
    'grid pointsPerParam 1e9',
    sampler({ type: 'grid', pointsPerParam: 1e9 }),
    'pointsPerParam',
    'pointsPerParam must be <= 1000, got 1000000000',
  ],
  [
    'grid values 1001',
    sampler({ type: 'grid', values: { y: Array.from({ length: 1001 }, (_, i) => i) } }),
    'values.y',
    'values.y must be an array of 1..1000 values, got 1001 values',
  ],
  [
    'evolution populationSize',
    sampler({ type: 'evolution', populationSize: 10_001 }),
    'populationSize',
    'populationSize must be <= 10000, got 10001',
  ],
  [
    'gp startupTrials',
    sampler({ type: 'gp', startupTrials: 10_001 }),
    'startupTrials',
    'startupTrials must be <= 10000',
  ],
  ['gp candidates', sampler({ type: 'gp', candidates: 1e6 }), 'candidates', '<= 100000'],
  ['gp refineStarts', sampler({ type: 'gp', refineStarts: 101 }), 'refineStarts', '<= 100'],
  [
    'gp refineIterations',
    sampler({ type: 'gp', refineIterations: 1001 }),
    'refineIterations',
    '<= 1000',
  ],
  [
    'gp acquisitionFlops',
    sampler({ type: 'gp', acquisitionFlops: 1e11 }),
    'acquisitionFlops',
    '<= 10000000000',
  ],
  ['gp fitRestarts', sampler({ type: 'gp', fitRestarts: 101 }), 'fitRestarts', '<= 100'],
  ['gp fitIterations', sampler({ type: 'gp', fitIterations: 1e5 }), 'fitIterations', '<= 10000'],
  ['gp maxFitPoints', sampler({ type: 'gp', maxFitPoints: 4096 }), 'maxFitPoints', '<= 2048'],
  ['gp maxGpPoints', sampler({ type: 'gp', maxGpPoints: 1 }), 'maxGpPoints', '>= 2'],
  ['gp refitFraction', sampler({ type: 'gp', refitFraction: 101 }), 'refitFraction', '<= 100'],
  [
    'cmaes startupTrials',
    sampler({ type: 'cmaes', startupTrials: 1e5 }),
    'startupTrials',
    '<= 10000',
  ],
  [
    'cmaes populationSize',
    sampler({ type: 'cmaes', populationSize: 1e5 }),
    'populationSize',
    '<= 10000',
  ],
  [
    'pbt populationSize',
    sampler({ type: 'pbt', populationSize: 1001 }),
    'populationSize',
    '<= 1000',
  ],
  [
    'pbt perturbationInterval',
    sampler({ type: 'pbt', perturbationInterval: 2e9 }),
    'perturbationInterval',
    '<= 1000000000',
  ],
  [
    'pbt perturbationFactors',
    sampler({ type: 'pbt', perturbationFactors: Array(101).fill(1.2) }),
    'perturbationFactors',
    'perturbationFactors must be an array of 1..100 numbers',
  ],
  [
    'pbt perturbationFactors value',
    sampler({ type: 'pbt', perturbationFactors: [1e3] }),
    'perturbationFactors.0',
    'perturbationFactors.0 must be <= 100, got 1000',
  ],
  [
    'tpe startupTrials',
    sampler({ type: 'tpe', startupTrials: 10_001 }),
    'startupTrials',
    '<= 10000',
  ],
  ['tpe candidates', sampler({ type: 'tpe', candidates: 10_001 }), 'candidates', '<= 10000'],
  ['tpe gammaMax', sampler({ type: 'tpe', gammaMax: 10_001 }), 'gammaMax', '<= 10000'],
  ['tpe priorWeight', sampler({ type: 'tpe', priorWeight: 1e7 }), 'priorWeight', '<= 1000000'],
  [
    'nsga2 populationSize',
    sampler({ type: 'nsga2', populationSize: 10_001 }),
    'populationSize',
    '<= 10000',
  ],
  ['asha minResource', stopper({ type: 'asha', minResource: 2e9 }), 'minResource', '<= 1000000000'],
  [
    'asha reductionFactor',
    stopper({ type: 'asha', reductionFactor: 101 }),
    'reductionFactor',
    'reductionFactor must be <= 100, got 101',
  ],
  [
    'asha minEarlyStoppingRate',
    stopper({ type: 'asha', minEarlyStoppingRate: 31 }),
    'minEarlyStoppingRate',
    '<= 30',
  ],
  ['asha maxResource', stopper({ type: 'asha', maxResource: 2e9 }), 'maxResource', '<= 1000000000'],
  [
    'hyperband brackets',
    stopper({ type: 'hyperband', minResource: 1e-9, maxResource: 1e9, reductionFactor: 2 }),
    'maxResource',
    'maxResource / minResource must give <= 32 brackets at reductionFactor 2, got 60',
  ],
  ['median minTrials', stopper({ type: 'median', minTrials: 10_001 }), 'minTrials', '<= 10000'],
  [
    'median warmupSteps',
    stopper({ type: 'median', warmupSteps: 2e9 }),
    'warmupSteps',
    '<= 1000000000',
  ],
  [
    'percentile percentile',
    stopper({ type: 'percentile', percentile: 101 }),
    'percentile',
    '<= 100',
  ],
  ['patience patience', stopper({ type: 'patience', patience: 2e9 }), 'patience', '<= 1000000000'],
  [
    'threshold warmupSteps',
    stopper({ type: 'threshold', bound: 1, warmupSteps: 2e9 }),
    'warmupSteps',
    '<= 1000000000',
  ],
];

describe('every sampler and stopper option has a maximum', () => {
  it.each(OVER)('%s is refused naming the field and the bound', (_name, run, field, message) => {
    const err = refusal(run);
    expect(err.field).toBe(field);
    expect(err.message).toContain(message);
  });

  it('accepts each option at its maximum', () => {
    for (const run of [
      sampler({ type: 'grid', pointsPerParam: 1000, values: { y: [1, 2] } }),
      sampler({ type: 'evolution', populationSize: 10_000, tournamentSize: 10_000 }),
      sampler({ type: 'gp', maxFitPoints: 2048, candidates: 100_000, startupTrials: 10_000 }),
      sampler({ type: 'cmaes', populationSize: 10_000 }),
      sampler({ type: 'tpe', startupTrials: 10_000, candidates: 10_000, gammaMax: 10_000 }),
      sampler({ type: 'nsga2', populationSize: 10_000 }),
      sampler({ type: 'pbt', populationSize: 1000, perturbationFactors: Array(100).fill(100) }),
      stopper({ type: 'asha', reductionFactor: 100, maxResource: 1e9, minEarlyStoppingRate: 30 }),
      stopper({ type: 'hyperband', minResource: 0.25, maxResource: 2 ** 29, reductionFactor: 2 }),
      stopper({ type: 'percentile', percentile: 100, minTrials: 10_000, warmupSteps: 1e9 }),
    ]) {
      expect(run).not.toThrow();
    }
  });
});

describe('grid size', () => {
  const values = (counts: number[]) =>
    new Map<string, ParamValue[]>(
      counts.map((n, i) => [`p${i}`, Array.from({ length: n }, (_, k) => k)]),
    );
  const numeric = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'float', low: 0, high: 1 }]),
    );

  it('is the product of the value counts, computed without enumerating', () => {
    // 1000^6 = 1e18 points: a count, not a walk (a walk would never end).
    expect(
      gridSize(validateSpace(numeric(6)), values([1000, 1000, 1000, 1000, 1000, 1000]), 10),
    ).toBe(1e18);
    expect(gridSize(validateSpace(numeric(3)), values([2, 3, 7]), 10)).toBe(42);
  });

  it('counts a conditional grid by its active branches, giving up past the cap', () => {
    const space = validateSpace({
      p0: { type: 'categorical', choices: [0, 1] },
      p1: { type: 'float', low: 0, high: 1, when: { p0: [0] } },
      p2: { type: 'float', low: 0, high: 1 },
    });
    // p0 = 0: 5 x 3 points; p0 = 1: p1 inactive, 3 points.
    expect(gridSize(space, values([2, 5, 3]), 100)).toBe(18);
    expect(gridSize(space, values([2, 5, 3]), 10)).toBe(11);
  });

  it('refuses pointsPerParam over the cap by the product, naming the field', () => {
    const err = refusal(sampler({ type: 'grid', pointsPerParam: 1000 }, numeric(3)));
    expect(err.field).toBe('pointsPerParam');
    expect(err.message).toBe(
      `the grid must have <= ${GRID_MAX_POINTS} points, got 1000000000: lower pointsPerParam`,
    );
    // 1000 listed x 5 x 5 x 5 default points.
    const listed = refusal(
      sampler(
        { type: 'grid', values: { p0: Array.from({ length: 1000 }, (_, i) => i / 1000) } },
        numeric(4),
      ),
    );
    expect(listed.field).toBe('values');
    expect(listed.message).toContain('got 125000: list fewer values');
  });
});

describe('space sizes', () => {
  const many = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'constant', value: i }]),
    );

  it('refuses more parameters, choices or condition values than the limits', () => {
    expect(refusal(() => validateSpace(many(SPACE_LIMITS.parameters + 1))).message).toBe(
      'space: must have <= 1000 parameters, got 1001',
    );
    expect(() => validateSpace(many(SPACE_LIMITS.parameters))).not.toThrow();
    const choices = Array.from({ length: 1001 }, (_, i) => i);
    expect(refusal(() => validateSpace({ c: { type: 'categorical', choices } })).message).toBe(
      'c: choices must be <= 1000 values, got 1001',
    );
    const when = refusal(() =>
      validateSpace({
        c: { type: 'categorical', choices: choices.slice(0, 1000) },
        x: { type: 'float', low: 0, high: 1, when: { c: choices } },
      }),
    );
    expect(when.param).toBe('x');
    expect(when.message).toContain('when.c must be an array of 1..1000 values');
    expect(
      refusal(() => validateSpace({ ['n'.repeat(201)]: { type: 'constant', value: 1 } })).message,
    ).toContain('names must be <= 200 characters, got 201');
    expect(
      refusal(() => validateSpace({ s: { type: 'constant', value: 'v'.repeat(1001) } })).message,
    ).toBe('s: string values must be <= 1000 characters, got 1001');
  });

  it('does not echo a huge value back in a message', () => {
    const err = refusal(sampler({ type: 'grid', pointsPerParam: 'x'.repeat(100_000) }));
    expect(err.message.length).toBeLessThan(200);
  });
});
