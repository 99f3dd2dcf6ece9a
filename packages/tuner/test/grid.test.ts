import { describe, expect, it } from 'vitest';
import {
  createStudy,
  loadStudy,
  paramsKey,
  StudyExhaustedError,
  type Params,
} from '../src/index.js';

const SPACE = {
  lr: { type: 'float', low: 1e-4, high: 1e-2, log: true },
  layers: { type: 'int', low: 1, high: 4 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
  momentum: { type: 'float', low: 0, high: 0.9, when: { optimizer: ['sgd'] } },
  epochs: { type: 'constant', value: 5 },
};

function askAll(study: ReturnType<typeof createStudy>): Params[] {
  const out: Params[] = [];
  for (;;) {
    try {
      out.push(study.ask().params);
    } catch (e) {
      expect(e).toBeInstanceOf(StudyExhaustedError);
      return out;
    }
  }
}

describe('grid sampler', () => {
  it('hands out every point exactly once with 50 asks outstanding, then says it is exhausted', () => {
    // lr 3 x layers 2 x (sgd with momentum 3 + adam) 4 = 24... with layers listed 1..4: 48 points.
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'grid', seed: 9, pointsPerParam: 3, values: { layers: [1, 2, 3, 4] } },
    });
    const points = askAll(study); // nothing told: every point is pending at once
    expect(points).toHaveLength(48);
    expect(new Set(points.map(paramsKey)).size).toBe(48);
    expect(new Set(points.map((p) => p.lr))).toEqual(new Set([1e-4, 1e-3, 1e-2]));
    expect(new Set(points.filter((p) => p.optimizer === 'sgd').map((p) => p.momentum))).toEqual(
      new Set([0, 0.45, 0.9]),
    );
    expect(points.filter((p) => p.optimizer === 'adam').every((p) => !('momentum' in p))).toBe(
      true,
    );
    expect(() => study.ask()).toThrow('the grid sampler is exhausted after 48 trials');
  });

  it('covers a 50-point grid with 50 outstanding asks across a reload, skipping enqueued points', () => {
    const space = {
      a: { type: 'int', low: 0, high: 9 },
      b: { type: 'categorical', choices: ['p', 'q', 'r', 's', 't'] },
    };
    const study = createStudy({
      space,
      direction: 'minimize',
      sampler: { type: 'grid', seed: 2, pointsPerParam: 10 },
    });
    study.enqueue({ a: 3, b: 'q' });
    const first = Array.from({ length: 25 }, () => study.ask().params);
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    const rest = askAll(copy);
    const all = [...first, ...rest];
    expect(all).toHaveLength(50);
    expect(new Set(all.map(paramsKey)).size).toBe(50);
  });

  it('rejects values that are not legal for their parameter', () => {
    const make = (values: object) =>
      createStudy({
        space: SPACE,
        direction: 'minimize',
        sampler: { type: 'grid', values } as never,
      });
    expect(() => make({ layers: [0, 1] })).toThrow(
      'values.layers: 0 is not a legal value of layers',
    );
    expect(() => make({ depth: [1] })).toThrow('values.depth: no such parameter');
  });
});
