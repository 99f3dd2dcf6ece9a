import { describe, expect, it } from 'vitest';
import { paretoFrontOf, SweepSpec, studyConfigOf, tellOf } from '../src/index.js';
import { createStudy } from '@sweepwise/tuner';

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
});
