import { describe, expect, it } from 'vitest';
import { CurveCounter } from '../src/trials/curve-caps.js';

describe('curve caps', () => {
  const caps = { metricsPerTrial: 2, pointsPerCurve: 3 };

  it('refuses a metric name past the cap, naming it and the variable', () => {
    const counter = new CurveCounter();
    counter.count(1, { loss: 1, acc: 0.5 }, caps);
    counter.count(2, { loss: 1 }, caps);
    expect(() => counter.count(3, { lr: 0.1 }, caps)).toThrow(
      'metric "lr": a trial reports at most 2 metric names (SWEEPWISE_MAX_METRICS_PER_TRIAL)',
    );
  });

  it('refuses a step past the points of a curve; a repeated step replaces and counts once', () => {
    const counter = new CurveCounter();
    for (const step of [1, 2, 2, 3, 3]) counter.count(step, { loss: step }, caps);
    expect(() => counter.count(4, { loss: 4 }, caps)).toThrow(
      'metric "loss": step 4 is past the 3 points a curve holds (SWEEPWISE_MAX_POINTS_PER_CURVE)',
    );
  });
});
