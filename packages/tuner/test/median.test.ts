import { describe, expect, it } from 'vitest';
import { createStudy, type CurvePoint, type Direction, type Study } from '../src/index.js';

const SPACE = { x: { type: 'float', low: 0, high: 1 } };

/** A study with completed trials whose curves are given. */
function withHistory(direction: Direction, stopper: object, curves: CurvePoint[][]): Study {
  const study = createStudy({
    space: SPACE,
    direction,
    sampler: { type: 'random', seed: 1 },
    stopper: stopper as never,
    metricName: 'validation loss',
    stepName: 'epoch',
  });
  for (const intermediate of curves) {
    const last = intermediate[intermediate.length - 1][1];
    study.addTrial({ params: { x: 0.5 }, state: 'completed', value: last, intermediate });
  }
  return study;
}

// Running averages at epoch 1: 1.0, 0.5, 0.9; at epoch 2: 0.9, 0.45, 0.8; at epoch 3: 0.8, 0.4, 0.7.
const CURVES: CurvePoint[][] = [
  [
    [1, 1.0],
    [2, 0.8],
    [3, 0.6],
  ],
  [
    [1, 0.5],
    [2, 0.4],
    [3, 0.3],
  ],
  [
    [1, 0.9],
    [2, 0.7],
    [3, 0.5],
  ],
];

function decide(study: Study, reports: CurvePoint[]) {
  const { id } = study.ask();
  for (const [s, v] of reports) study.report(id, s, v);
  return study.shouldStop(id);
}

describe('median stopping rule on a scripted sequence', () => {
  const median = { type: 'median', warmupSteps: 1, minTrials: 3 };

  it('stops a trial whose best so far is worse than the median running average', () => {
    expect(
      decide(withHistory('minimize', median, CURVES), [
        [1, 0.95],
        [2, 0.85],
      ]),
    ).toEqual({
      stop: true,
      rule: 'median',
      step: 2,
      value: 0.85,
      threshold: 0.8,
      rank: 3,
      peers: 3,
      reason:
        'stopped at epoch 2: validation loss 0.85 is worse than the median 0.8 of 3 trials at epoch 2',
    });
  });

  it('lets a trial on that is at least as good as the median, judging its best value so far', () => {
    const d = decide(withHistory('minimize', median, CURVES), [
      [1, 0.6],
      [2, 0.99],
    ]);
    expect(d).toMatchObject({ stop: false, value: 0.6, threshold: 0.8, rank: 2 });
    expect(d.reason).toBe(
      'continues at epoch 2: validation loss 0.6 is not worse than the median 0.8 of 3 trials at epoch 2'.replace(
        '0.8',
        '0.8',
      ),
    );
  });

  it('waits for the warm-up and for enough completed trials that reached the step', () => {
    expect(decide(withHistory('minimize', median, CURVES), [[0, 9]])).toMatchObject({
      stop: false,
      reason: 'warming up until epoch 1',
    });
    const short = withHistory('minimize', median, [...CURVES.slice(0, 2), [[1, 0.1]]]);
    expect(decide(short, [[2, 9]])).toMatchObject({
      stop: false,
      peers: 2,
      reason: 'continues at epoch 2: only 2 completed trials reached epoch 2, the rule needs 3',
    });
  });

  it('mirrors for maximize', () => {
    const d = decide(withHistory('maximize', median, CURVES), [
      [1, 0.4],
      [2, 0.79],
    ]);
    expect(d).toMatchObject({ stop: true, value: 0.79, threshold: 0.8, rank: 3 });
  });

  it('is the percentile rule at 50', () => {
    const study = withHistory(
      'minimize',
      { type: 'percentile', percentile: 90, minTrials: 3 },
      CURVES,
    );
    // The 90th percentile of 0.45, 0.8, 0.9 is 0.88: 0.85 goes on.
    expect(decide(study, [[2, 0.85]])).toMatchObject({ stop: false, threshold: 0.88 });
  });
});

describe('patience and threshold', () => {
  it('patience stops after k reports without improvement beyond minDelta', () => {
    const study = withHistory('minimize', { type: 'patience', patience: 2, minDelta: 0.01 }, []);
    expect(
      decide(study, [
        [1, 1.0],
        [2, 0.9],
        [3, 0.895],
      ]),
    ).toMatchObject({ stop: false });
    expect(
      decide(study, [
        [1, 1.0],
        [2, 0.9],
        [3, 0.895],
        [4, 0.95],
      ]),
    ).toEqual({
      stop: true,
      rule: 'patience',
      step: 4,
      value: 0.95,
      threshold: 0.9,
      reason: 'stopped at epoch 4: validation loss has not improved on 0.9 (epoch 2) for 2 reports',
    });
  });

  it('threshold stops a value beyond the bound, and NaN even in warm-up', () => {
    const bound = { type: 'threshold', bound: 2, warmupSteps: 3 };
    const study = withHistory('minimize', bound, []);
    expect(decide(study, [[1, 5]])).toMatchObject({
      stop: false,
      reason: 'warming up until epoch 3',
    });
    expect(decide(study, [[3, 1.5]])).toMatchObject({ stop: false });
    expect(decide(study, [[4, 2.5]])).toMatchObject({
      stop: true,
      reason: 'stopped at epoch 4: validation loss 2.5 is above the bound 2',
    });
    expect(decide(study, [[1, NaN]])).toMatchObject({
      stop: true,
      reason: 'stopped at epoch 1: validation loss NaN is not a number',
    });
  });
});
