// NSGA-II's elite selection on a hand-checked population, its generations, and its state.

import { describe, expect, it } from 'vitest';
import { createStudy, loadStudy, type FrozenTrial, type Params } from '../src/index.js';
import { selectElite } from '../src/samplers/nsga2.js';

function trial(id: number, values: number[], violation?: number): FrozenTrial {
  return {
    id,
    params: {},
    state: 'completed',
    value: values[0],
    values,
    intermediate: [],
    ...(violation !== undefined && { violation }),
  };
}

const SPACE = {
  x: { type: 'float', low: 0, high: 1 },
  y: { type: 'float', low: 0, high: 1 },
  kind: { type: 'categorical', choices: ['a', 'b', 'c'] },
};

function zdtLike(p: Params): number[] {
  const x = p.x as number;
  const g = 1 + 9 * (p.y as number) + (p.kind === 'a' ? 0 : 1);
  return [x, g * (1 - Math.sqrt(x / g))];
}

describe('NSGA-II elite selection', () => {
  const population = [
    trial(0, [1, 5]),
    trial(1, [2, 3]),
    trial(2, [3, 2]),
    trial(3, [4, 1]),
    trial(4, [5, 5]),
    trial(5, [3, 4]),
  ];

  it('keeps whole fronts, then the least crowded of the front that does not fit', () => {
    // Front 1 is trials 0-3; keeping 3 drops an inner point: trial 2 (crowding 2/3 + 2/4) is more
    // crowded than trial 1 (2/3 + 3/4).
    expect(selectElite(population, ['minimize', 'minimize'], 3).map((t) => t.id)).toEqual([
      0, 3, 1,
    ]);
    expect(selectElite(population, ['minimize', 'minimize'], 5).map((t) => t.id)).toEqual([
      0, 1, 2, 3, 5,
    ]);
  });

  it('maximizes objectives marked so', () => {
    expect(selectElite(population, ['maximize', 'maximize'], 1).map((t) => t.id)).toEqual([4]);
  });

  it('never keeps an infeasible trial while feasible ones are left (constrained domination)', () => {
    const constrained = population.map((t) => ({ ...t, violation: t.id === 0 ? 0.5 : 0 }));
    const elite = selectElite(constrained, ['minimize', 'minimize'], 5).map((t) => t.id);
    expect(elite).not.toContain(0);
    expect(elite).toHaveLength(5);
  });
});

describe('the nsga2 sampler', () => {
  const make = (options: object = {}) =>
    createStudy({
      space: SPACE,
      objectives: [
        { name: 'f1', direction: 'minimize' },
        { name: 'f2', direction: 'minimize' },
      ],
      sampler: { type: 'nsga2', seed: 3, populationSize: 6, ...options },
    });

  it('breeds generation 1 from the elite: without mutation every value comes from a parent', () => {
    const study = make({ mutationProb: 0, crossoverProb: 1 });
    for (let i = 0; i < 6; i++) {
      const t = study.ask();
      study.tell(t.id, zdtLike(t.params));
    }
    const parents = study.trials.slice(0, 6);
    for (let i = 0; i < 10; i++) {
      const child = study.ask().params;
      for (const name of ['x', 'y', 'kind']) {
        expect(parents.map((p) => p.params[name])).toContain(child[name]);
      }
    }
  });

  it('improves the front over generations and survives toJSON mid-generation', () => {
    const study = make();
    const run = (s: typeof study, n: number) => {
      const seen: Params[] = [];
      for (let i = 0; i < n; i++) {
        const t = s.ask();
        seen.push(t.params);
        s.tell(t.id, zdtLike(t.params));
      }
      return seen;
    };
    run(study, 6);
    const first = study.hypervolume([11, 11]);
    run(study, 21);
    const running = study.ask();
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    for (const s of [study, copy]) s.tell(running.id, zdtLike(running.params));
    expect(run(copy, 12)).toEqual(run(study, 12));
    expect(study.hypervolume([11, 11])).toBeGreaterThan(first);
  });

  it('validates its options, naming the field', () => {
    expect(() => make({ populationSize: 1 })).toThrow('populationSize must be >= 2, got 1');
    expect(() => make({ mutationProb: 2 })).toThrow('mutationProb must be <= 1, got 2');
  });
});
