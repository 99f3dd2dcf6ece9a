import { describe, expect, it } from 'vitest';
import {
  hypervolumeHistoryOf,
  objectivePointsOf,
  paretoFrontOf,
  promotionRefusalOf,
  referencePointOf,
  SweepSpec,
  studyConfigOf,
  tellOf,
  violatedConstraints,
} from '../src/index.js';
import { createStudy, hypervolume } from '@sweepwise/tuner';

const spec = SweepSpec.parse({
  name: 'pareto',
  workload: { builtin: { objective: 'quadratic' } },
  metrics: [
    { name: 'loss', goal: 'minimize' },
    { name: 'size', goal: 'minimize' },
  ],
  constraints: [{ metric: 'latency_ms', max: 2 }],
  parameters: { x: { type: 'float', low: 0, high: 1 } },
  algorithm: { type: 'nsga2', seed: 1 },
  budget: { maxTrials: 4 },
});

describe('a sweep as a study', () => {
  it('has every objective, its constraints and its primary', () => {
    const study = createStudy(studyConfigOf(spec));
    expect(study.toJSON()).toMatchObject({
      objectives: [
        { name: 'loss', direction: 'minimize' },
        { name: 'size', direction: 'minimize' },
      ],
      constraints: [{ metric: 'latency_ms', max: 2 }],
      primary: 'loss',
    });
  });

  it('tells a trial from its final metrics, or names what it lacks', () => {
    expect(tellOf(spec, 0.5, { size: 10, latency_ms: 3 })).toEqual({
      result: { metrics: { loss: 0.5, size: 10, latency_ms: 3 } },
    });
    expect(tellOf(spec, 0.5, { size: 10 })).toEqual({ missing: 'latency_ms' });
    const single = SweepSpec.parse({ ...spec, metrics: undefined, constraints: undefined });
    expect(tellOf(single, 0.5, null)).toEqual({ result: 0.5 });
    const study = createStudy(studyConfigOf(spec));
    const told = tellOf(spec, 0.5, { size: 10, latency_ms: 3 });
    if (!('result' in told)) throw new Error('missing');
    study.tell(study.ask().id, told.result);
    expect(study.trials[0]).toMatchObject({ values: [0.5, 10], violation: 1 });
  });

  it('keeps the feasible trials no other dominates on its front', () => {
    const trial = (number: number, loss: number, size: number, latency: number) => ({
      number,
      value: loss,
      metrics: { loss, size, latency_ms: latency },
    });
    const trials = [
      trial(0, 0.1, 100, 1), // front
      trial(1, 0.2, 50, 1), // front
      trial(2, 0.3, 60, 1), // dominated by 1
      trial(3, 0.05, 10, 5), // best of all, but over latency_ms 2
      trial(4, 0.4, 5, 2), // front: the bound is inclusive
      { number: 5, value: 0.01, metrics: { loss: 0.01 } }, // lacks size
    ];
    expect(paretoFrontOf(spec, trials).map((t) => t.number)).toEqual([0, 1, 4]);
  });

  it('names the bounds a trial breaks, a missing metric breaking its own', () => {
    const both = {
      constraints: [
        { metric: 'latency_ms', max: 2 },
        { metric: 'acc', min: 0.9 },
      ],
    };
    expect(violatedConstraints(both, { latency_ms: 2, acc: 0.9 })).toEqual([]);
    expect(violatedConstraints(both, { latency_ms: 2.5, acc: 0.95 })).toEqual([
      { metric: 'latency_ms', max: 2 },
    ]);
    expect(violatedConstraints(both, { latency_ms: 1 })).toEqual([{ metric: 'acc', min: 0.9 }]);
    expect(violatedConstraints({}, null)).toEqual([]);
  });

  it('places trials in objective space, maximized objectives as negated losses', () => {
    const mixed = SweepSpec.parse({
      ...spec,
      metrics: [
        { name: 'acc', goal: 'maximize' },
        { name: 'size', goal: 'minimize' },
      ],
      metric: undefined,
    });
    const points = objectivePointsOf(mixed, [
      { number: 0, value: 0.9, metrics: { acc: 0.9, size: 10, latency_ms: 3 } },
      { number: 1, value: 0.8, metrics: { acc: 0.8, size: Number.NaN, latency_ms: 1 } },
    ]);
    expect(points).toEqual([
      {
        trial: expect.objectContaining({ number: 0 }),
        values: { acc: 0.9, size: 10 },
        losses: [-0.9, 10],
        feasible: false,
      },
    ]);
  });

  it('puts the reference a tenth of the range past the nadir', () => {
    expect(
      referencePointOf([
        [0, 10],
        [1, 30],
      ]),
    ).toEqual([1.1, 32]);
    // No range: a tenth of the nadir's magnitude, or 0.1 at 0.
    expect(referencePointOf([[-5, 0]])).toEqual([-4.5, 0.1]);
  });

  it('gives the hypervolume after each feasible trial against one reference', () => {
    const trial = (number: number, loss: number, size: number, latency = 1) => ({
      number,
      value: loss,
      metrics: { loss, size, latency_ms: latency },
    });
    const trials = [
      trial(0, 1, 3),
      trial(1, 2, 2),
      trial(2, 3, 3), // dominated: adds nothing
      trial(3, 0, 0, 5), // infeasible: not in the history
      trial(4, 3, 1),
    ];
    const { reference, history } = hypervolumeHistoryOf(spec, trials);
    // Feasible losses span [1, 3] x [1, 3]: the reference is (3.2, 3.2).
    expect(reference).toEqual({ loss: 3.2, size: 3.2 });
    const ref = [3.2, 3.2];
    expect(history.map((h) => h.trial.number)).toEqual([0, 1, 2, 4]);
    const expected = [
      hypervolume([[1, 3]], ref),
      hypervolume(
        [
          [1, 3],
          [2, 2],
        ],
        ref,
      ),
      hypervolume(
        [
          [1, 3],
          [2, 2],
        ],
        ref,
      ),
      hypervolume(
        [
          [1, 3],
          [2, 2],
          [3, 1],
        ],
        ref,
      ),
    ];
    expect(history.map((h) => h.hypervolume)).toEqual(expected);
    // (3.2-1)(3.2-3) + (3.2-2)(3-2) + (3.2-3)(2-1) = 0.44 + 1.2 + 0.2
    expect(expected[3]).toBeCloseTo(1.84, 10);
    expect(hypervolumeHistoryOf(spec, [trial(0, 1, 1, 9)])).toEqual({ reference: {}, history: [] });
  });

  it('promotes a feasible trial on the front only, saying why not', () => {
    const trial = (number: number, loss: number, size: number, latency: number) => ({
      number,
      value: loss,
      metrics: { loss, size, latency_ms: latency },
    });
    const trials = [trial(0, 0.1, 100, 1), trial(1, 0.2, 50, 1), trial(2, 0.3, 60, 1)];
    const over = trial(3, 0.05, 10, 5);
    const all = [...trials, over];
    const sweep = { spec };
    expect(promotionRefusalOf(sweep, trials[0], all)).toBeNull();
    expect(promotionRefusalOf(sweep, trials[1], all)).toBeNull();
    expect(promotionRefusalOf(sweep, trials[2], all)).toBe(
      'trial 2 is not on the Pareto front of loss, size: trial 1 is as good or better in every one',
    );
    expect(promotionRefusalOf(sweep, over, all)).toBe(
      "trial 3 is infeasible, outside the sweep's constraints: latency_ms 5 (max 2)",
    );
    // One objective: any feasible trial may be promoted, an infeasible one not.
    const single = { spec: SweepSpec.parse({ ...spec, metrics: undefined }) };
    expect(promotionRefusalOf(single, trials[2], all)).toBeNull();
    expect(promotionRefusalOf(single, { number: 4, value: 0.1, metrics: {} }, all)).toBe(
      "trial 4 is infeasible, outside the sweep's constraints: latency_ms not reported (max 2)",
    );
  });
});
