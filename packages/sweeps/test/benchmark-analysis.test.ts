import { describe, expect, it } from 'vitest';
import {
  bandOf,
  benchmarkRows,
  medianOf,
  performanceProfiles,
  profileAt,
  type BenchmarkPoint,
  type BenchmarkTrial,
} from '../src/benchmark/analysis.js';

describe('performance profiles (hand-computed)', () => {
  // Seconds to target. A: x 10, y 20, z 50. B: x 30, y 15, z never. C: x never, y 40, z 60.
  // Ratios to the fastest: x (1, 2, inf), y (2, 1, 1), z (5, inf, 1.5).
  const times = [
    { workload: 'A', algorithm: 'x', time: 10 },
    { workload: 'A', algorithm: 'y', time: 20 },
    { workload: 'A', algorithm: 'z', time: 50 },
    { workload: 'B', algorithm: 'x', time: 30 },
    { workload: 'B', algorithm: 'y', time: 15 },
    { workload: 'B', algorithm: 'z', time: null },
    { workload: 'C', algorithm: 'x', time: null },
    { workload: 'C', algorithm: 'y', time: 40 },
    { workload: 'C', algorithm: 'z', time: 60 },
  ];
  const [x, y, z] = performanceProfiles(['A', 'B', 'C'], ['x', 'y', 'z'], times);

  it('takes each time over the fastest, a miss being infinite', () => {
    expect(x.ratios).toEqual({ A: 1, B: 2, C: Infinity });
    expect(y.ratios).toEqual({ A: 2, B: 1, C: 1 });
    expect(z.ratios).toEqual({ A: 5, B: Infinity, C: 1.5 });
  });

  it('rho(tau) is the fraction of workloads within tau of the fastest', () => {
    expect(x.steps).toEqual([
      { tau: 1, rho: 1 / 3 },
      { tau: 2, rho: 2 / 3 },
    ]);
    expect(y.steps).toEqual([
      { tau: 1, rho: 2 / 3 },
      { tau: 2, rho: 1 },
    ]);
    // z is 5x the fastest on A: past r_max = 4, so it never counts.
    expect(z.steps).toEqual([{ tau: 1.5, rho: 1 / 3 }]);
    expect(profileAt(x, 1.99)).toBeCloseTo(1 / 3, 12);
    expect(profileAt(x, 4)).toBeCloseTo(2 / 3, 12);
    expect(profileAt(z, 1)).toBe(0);
    expect(profileAt(z, 4)).toBeCloseTo(1 / 3, 12);
  });

  it('scores the area under rho over [1, 4] divided by 3', () => {
    // x: ((4 - 1) + (4 - 2)) / 3 / 3 workloads = 5/9; y: (2 + 3 + 3) / 9 = 8/9; z: 2.5 / 9.
    expect(x.score).toBeCloseTo(5 / 9, 12);
    expect(y.score).toBeCloseTo(8 / 9, 12);
    expect(z.score).toBeCloseTo(2.5 / 9, 12);
    // The closed form is the integral: a midpoint sum of rho over [1, 4] agrees.
    const n = 30_000;
    for (const p of [x, y, z]) {
      let area = 0;
      for (let i = 0; i < n; i++) area += profileAt(p, 1 + (3 * (i + 0.5)) / n) * (3 / n);
      expect(area / 3).toBeCloseTo(p.score, 3);
    }
  });

  it('scores a workload nobody reached as a miss for all, and an absent pair as a miss', () => {
    const [a, b] = performanceProfiles(
      ['A', 'B'],
      ['a', 'b'],
      [
        { workload: 'A', algorithm: 'a', time: 5 },
        { workload: 'B', algorithm: 'a', time: null },
        { workload: 'B', algorithm: 'b', time: null },
      ],
    );
    expect(a.ratios).toEqual({ A: 1, B: Infinity });
    expect(a.score).toBeCloseTo(0.5, 12);
    expect(b.ratios).toEqual({ A: Infinity, B: Infinity });
    expect(b.score).toBe(0);
  });
});

const point = (step: number, wallS: number, val_acc: number): BenchmarkPoint => ({
  step,
  wallS,
  metrics: { val_acc, val_loss: 1 - val_acc },
});

function trial(
  seed: number,
  accs: number[],
  over: Partial<BenchmarkTrial> = {},
  secondsPerEpoch = 2,
): BenchmarkTrial {
  return {
    id: `t${seed}-${over.lrFactor ?? 1}`,
    number: seed,
    algorithm: 'adam',
    workload: 'digits',
    seed,
    lrFactor: 1,
    state: 'completed',
    curve: accs.map((a, i) => point(i + 1, (i + 1) * secondsPerEpoch, a)),
    final: null,
    ...over,
  };
}

describe('benchmark rows', () => {
  const target = { metric: 'val_acc', min: 0.9 };
  const workloads = [{ name: 'digits', target }];

  it('counts seeds, steps and seconds to target, and the median with misses as infinite', () => {
    const trials = [
      trial(0, [0.5, 0.92, 0.95]), // epoch 2, 4 s
      trial(1, [0.91, 0.93, 0.94]), // epoch 1, 2 s
      trial(2, [0.5, 0.6, 0.7], { state: 'failed' }), // a miss
      trial(3, [0.95], { state: 'running' }), // not a seed yet
    ];
    const [row] = benchmarkRows(workloads, ['adam', 'sgd'], trials);
    expect(row.seeds.map((s) => [s.seed, s.stepsToTarget, s.secondsToTarget])).toEqual([
      [0, 2, 4],
      [1, 1, 2],
      [2, null, null],
    ]);
    expect(row.reached).toBe(2);
    expect(row.medianStepsToTarget).toBe(2); // median of 1, 2, inf
    expect(row.medianSecondsToTarget).toBe(4);
    // Final values 0.95, 0.94, 0.7: mean 0.8633, sample sd.
    expect(row.finalValMean).toBeCloseTo((0.95 + 0.94 + 0.7) / 3, 12);
    const m = (0.95 + 0.94 + 0.7) / 3;
    const sd = Math.sqrt(((0.95 - m) ** 2 + (0.94 - m) ** 2 + (0.7 - m) ** 2) / 2);
    expect(row.finalValSd).toBeCloseTo(sd, 12);
    expect(row.sensitivitySpread).toBeNull();
  });

  it('has no median when fewer than half the seeds reach the target', () => {
    const [row] = benchmarkRows(
      workloads,
      ['adam'],
      [trial(0, [0.95]), trial(1, [0.5]), trial(2, [0.5])],
    );
    expect(row.reached).toBe(1);
    expect(row.medianStepsToTarget).toBeNull();
    expect(medianOf([1, 3, Infinity, Infinity])).toBeNull();
    expect(medianOf([1, 3, 5, Infinity])).toBe(4);
  });

  it('reports the learning-rate factor with most seeds at target, and the spread across factors', () => {
    const [row] = benchmarkRows(
      workloads,
      ['adam'],
      [
        trial(0, [0.5, 0.6], { lrFactor: 0.1 }),
        trial(1, [0.5, 0.7], { lrFactor: 0.1 }),
        trial(0, [0.95, 0.96], { lrFactor: 1 }),
        trial(1, [0.8, 0.94], { lrFactor: 1 }),
      ],
    );
    expect(row.lrFactor).toBe(1);
    expect(row.sensitivity).toEqual([
      { lrFactor: 0.1, finalValMean: expect.closeTo(0.65, 12) as number },
      { lrFactor: 1, finalValMean: expect.closeTo(0.95, 12) as number },
    ]);
    expect(row.sensitivitySpread).toBeCloseTo(0.3, 12);
  });

  it('reads a loss target as at most its max, and the final value from final metrics', () => {
    const [row] = benchmarkRows(
      [{ name: 'digits', target: { metric: 'val_loss', max: 0.2 } }],
      ['adam'],
      [trial(0, [0.5, 0.85, 0.7], { final: { val_loss: 0.15 } })],
    );
    expect(row.seeds[0].stepsToTarget).toBe(2);
    expect(row.finalValMean).toBe(0.15);
  });
});

describe('bands', () => {
  it('by step: mean and sample sd over the seeds that ran the epoch', () => {
    const band = bandOf([trial(0, [0.2, 0.4]), trial(1, [0.4, 0.8, 0.9])], 'val_acc', 'step');
    expect(band.map((b) => [b.x, b.n])).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
    expect(band[0].mean).toBeCloseTo(0.3, 12);
    expect(band[0].sd).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(band[2]).toEqual({ x: 3, mean: 0.9, sd: 0, n: 1 });
  });

  it('by wall time: each seed holds its latest value, and its last past its end', () => {
    // Seed 0 ends at 2 s (epochs at 1 and 2 s), seed 1 at 4 s (2 and 4 s).
    const band = bandOf(
      [trial(0, [0.2, 0.4], {}, 1), trial(1, [0.6, 0.8], {}, 2)],
      'val_acc',
      'wall',
    );
    // A grid of 50 points up to 4 s; before 1 s no seed has a point, so no band.
    expect(band).toHaveLength(38);
    expect(band[0].x).toBeCloseTo(1.04, 12);
    const at = (t: number) => band.find((b) => Math.abs(b.x - t) < 1e-9)!;
    expect(at(1.04)).toMatchObject({ n: 1, mean: 0.2 }); // seed 1 has no point yet
    expect(at(2)).toMatchObject({ n: 2 });
    expect(at(2).mean).toBeCloseTo(0.5, 12);
    expect(at(4).mean).toBeCloseTo(0.6, 12); // seed 0 holds 0.4, seed 1 is at 0.8
  });
});
