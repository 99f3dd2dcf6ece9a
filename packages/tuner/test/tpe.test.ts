// TPE's published behaviour on hand-checked examples: the below/above split (one objective,
// pruned trials, constraints, several objectives), the Parzen estimator's density, Optuna's
// weights, group decomposition, and the search itself.

import { describe, expect, it } from 'vitest';
import { createStudy, hypervolume, Rng, type FrozenTrial } from '../src/index.js';
import {
  belowCount,
  greedyHypervolumeSubset,
  hypervolumeWeights,
  parameterGroups,
  splitBelow,
  tpeWeights,
  type TpeObservation,
} from '../src/samplers/tpe.js';
import { ParzenEstimator, type ParzenOptions } from '../src/tpe/parzen-estimator.js';

const OPTUNA: ParzenOptions = {
  priorWeight: 1,
  magicClip: true,
  endpoints: false,
  multivariate: true,
  bandwidth: 'optuna',
};

function completed(id: number, losses: number[], violation?: number): TpeObservation {
  const trial: FrozenTrial = {
    id,
    params: {},
    state: 'completed',
    value: losses[0],
    values: losses,
    intermediate: [],
    ...(violation !== undefined && { violation }),
  };
  return { trial, losses };
}

function pruned(id: number, intermediate: [number, number][]): TpeObservation {
  return { trial: { id, params: {}, state: 'pruned', intermediate } };
}

describe('the below/above split', () => {
  it("puts Optuna's default_gamma share in below: ⌈0.1 · n⌉, at most 25", () => {
    const optuna = (n: number) => belowCount(n, 0.1, 25);
    expect([10, 11, 20, 21, 100, 249, 250, 251, 1000].map(optuna)).toEqual([
      1, 2, 2, 3, 10, 25, 25, 25, 25,
    ]);
  });

  it('takes the n best completed trials, returned in trial order', () => {
    const obs = [5, 3, 8, 1, 9, 2].map((v, i) => completed(i, [v]));
    expect(splitBelow(obs, 2)).toEqual([3, 5]);
    expect(splitBelow(obs, 3)).toEqual([1, 3, 5]);
  });

  it('ranks pruned trials after completed ones, deeper first, then by their last value', () => {
    const obs = [
      completed(0, [7]),
      pruned(1, [
        [1, 0.1],
        [5, 0.5],
      ]),
      pruned(2, [[9, 0.9]]),
      pruned(3, []),
      pruned(4, [[5, 0.2]]),
    ];
    expect(splitBelow(obs, 1)).toEqual([0]);
    expect(splitBelow(obs, 2)).toEqual([0, 2]);
    expect(splitBelow(obs, 3)).toEqual([0, 2, 4]);
    expect(splitBelow(obs, 4)).toEqual([0, 1, 2, 4]);
  });

  it('ranks pruned trials of a maximized objective by their deepest value as a loss', () => {
    // Optuna scores a pruned trial (−deepest step, sign · value there): at step 5, 0.9 beats 0.2
    // when maximizing; trial 1 reported step 5 before step 3, so its deepest value is 0.9.
    const obs = [
      pruned(0, [[5, 0.2]]),
      pruned(1, [
        [5, 0.9],
        [3, 0.1],
      ]),
      pruned(2, [[3, 0.95]]),
    ];
    expect(splitBelow(obs, 1, 'maximize')).toEqual([1]);
    expect(splitBelow(obs, 1, 'minimize')).toEqual([0]);
    expect(splitBelow(obs, 2, 'maximize')).toEqual([0, 1]);
  });

  it('puts feasible trials first, and the least violating when too few are feasible', () => {
    const obs = [
      completed(0, [1], 0.5),
      completed(1, [4], 0),
      completed(2, [3], 0),
      completed(3, [0], 2),
    ];
    expect(splitBelow(obs, 1)).toEqual([2]);
    expect(splitBelow(obs, 2)).toEqual([1, 2]);
    expect(splitBelow(obs, 3)).toEqual([0, 1, 2]);
  });

  it('splits several objectives by non-domination rank, the last rank by hypervolume', () => {
    // Rank 1: 0, 1, 2; rank 2: 3. Of rank 1, the two adding the most hypervolume are kept.
    const obs = [
      completed(0, [0, 10]),
      completed(1, [5, 5]),
      completed(2, [10, 0]),
      completed(3, [6, 6]),
    ];
    expect(splitBelow(obs, 3)).toEqual([0, 1, 2]);
    expect(splitBelow(obs, 4)).toEqual([0, 1, 2, 3]);
    expect(splitBelow(obs, 1)).toEqual([1]);
  });
});

describe('greedy hypervolume subset selection', () => {
  it('picks the point adding the most hypervolume, then the best given it', () => {
    // Reference (11, 11) (1.1 × the worst). Alone: (5, 5) adds 36; (0, 10) and (10, 0) add 11.
    const points = [
      [0, 10],
      [5, 5],
      [10, 0],
    ];
    expect(greedyHypervolumeSubset(points, 1)).toEqual([1]);
    expect(greedyHypervolumeSubset(points, 2)).toEqual([1, 0]);
    // Exact: the greedy pair's volume is what hypervolume says.
    expect(hypervolume([points[1], points[0]], [11, 11])).toBe(36 + 5);
  });

  it('weights below trials by their share of the hypervolume (MOTPE), infeasible ones ~0', () => {
    const w = hypervolumeWeights([
      completed(0, [0, 10]),
      completed(1, [5, 5]),
      completed(2, [10, 0]),
      completed(3, [1, 1], 3),
    ]);
    // Exclusive contributions with reference (11, 11): 5·1, 5·5, 1·5, the largest scaled to 1.
    expect(w[1]).toBe(1);
    expect(w[0]).toBeCloseTo(5 / 25, 9);
    expect(w[2]).toBeCloseTo(5 / 25, 9);
    expect(w[3]).toBeLessThan(1e-9);
  });
});

describe("Optuna's weights and group decomposition", () => {
  it('weighs the newest 25 fully and ramps older ones linearly from 1/n', () => {
    expect(Array.from(tpeWeights(3))).toEqual([1, 1, 1]);
    const w = tpeWeights(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w[2]).toBeCloseTo((1 / 30 + 1) / 2, 12);
    expect(Array.from(w.subarray(5))).toEqual(Array(25).fill(1));
  });

  it('groups the parameters that appear in exactly the same trials', () => {
    const u = (...xs: number[]) => Float64Array.from(xs);
    // Parameter 0 always; 1 and 2 together (one branch); 3 alone (the other branch).
    const groups = parameterGroups(
      [u(0.1, 0.2, 0.3, NaN), u(0.4, NaN, NaN, 0.5), u(0.6, 0.7, 0.8, NaN)],
      4,
    );
    expect(groups.map((g) => g.sort()).sort()).toEqual([[0], [1, 2], [3]]);
    expect(parameterGroups([u(0.1, 0.2)], 2)).toEqual([[0, 1]]);
  });
});

describe('the Parzen estimator', () => {
  it('has the hand-computed density of one observation plus the prior', () => {
    // One kernel at 0.3: bandwidth 0.2 · 1^(−1/5) = 0.2, raised by the magic clip to
    // 1 / min(100, 1 + 2) = 1/3; the prior N(0.5, 1); both truncated to [0, 1], weights 1/2 each.
    const pe = new ParzenEstimator([{ kind: 'continuous' }], Float64Array.of(0.3), [1], OPTUNA);
    expect(Array.from(pe.weights)).toEqual([0.5, 0.5]);
    expect(pe.sigmas[0]).toBeCloseTo(1 / 3, 12);
    expect(pe.sigmas[1]).toBe(1);
    // log(½ φ(0.6)·3 / (Φ(2.1) − Φ(−0.9)) + ½ φ(0) / (Φ(0.5) − Φ(−0.5))), computed with math.erfc.
    expect(pe.logPdf([0.5])).toBeCloseTo(0.13733927501910378, 6);
  });

  it('has the density Optuna 3.1 computes for two observations in two dimensions', () => {
    // Bandwidth 0.2 · 2^(−1/6) = 0.178 raised to the clip's 1/min(100, 1 + 3) = 0.25 in both
    // dimensions; the prior N(0.5, 1)²; weights 1/3; each kernel truncated to [0, 1]². The values
    // are Optuna 3.1 parzen_estimator.py `log_pdf` on the same observations (float64, exact erf).
    const pe = new ParzenEstimator(
      [{ kind: 'continuous' }, { kind: 'continuous' }],
      Float64Array.of(0.2, 0.7, 0.6, 0.4),
      [1, 1],
      OPTUNA,
    );
    expect(Array.from(pe.sigmas)).toEqual([0.25, 0.25, 0.25, 0.25, 1, 1]);
    const out = new Float64Array(2);
    pe.logPdfMany(Float64Array.of(0.5, 0.5, 0.1, 0.9), out);
    expect(out[0]).toBeCloseTo(0.48084772, 6);
    expect(out[1]).toBeCloseTo(0.1353139, 6);
  });

  it('refits in place to the same estimator a fresh one is, larger or smaller', () => {
    const dims = [{ kind: 'continuous' }, { kind: 'discrete', levels: 4 }] as const;
    const rng = Rng.fromSeed(7);
    const points = (n: number) => Float64Array.from({ length: 2 * n }, () => rng.uniform());
    const reused = new ParzenEstimator(dims, points(3), [1, 1, 1], OPTUNA);
    const xs = points(5);
    for (const n of [40, 2, 17]) {
      const obs = points(n);
      const weights = tpeWeights(n);
      const fresh = new ParzenEstimator(dims, obs, weights, OPTUNA);
      reused.fit(obs, weights);
      expect(reused.kernels).toBe(n + 1);
      expect(Array.from(reused.sigmas)).toEqual(Array.from(fresh.sigmas));
      const [a, b] = [new Float64Array(5), new Float64Array(5)];
      reused.logPdfMany(xs, a);
      fresh.logPdfMany(xs, b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });

  it('uses the multivariate bandwidth 0.2 · n^(−1/(d + 4)) once the clip allows it', () => {
    const n = 200;
    const obs = new Float64Array(n * 2).map((_, i) => ((i * 37) % 100) / 100);
    const pe = new ParzenEstimator(
      [{ kind: 'continuous' }, { kind: 'continuous' }],
      obs,
      new Float64Array(n).fill(1),
      OPTUNA,
    );
    expect(pe.sigmas[0]).toBeCloseTo(0.2 * n ** (-1 / 6), 12);
    expect(pe.sigmas[2 * n]).toBe(1); // the prior's
  });

  it('mixes categorical kernels of 1 + priorWeight / kernels on the observed choice', () => {
    // Three choices, observations 0, 0, 2: each kernel is (1.25, 0.25, 0.25) / 1.75 or its mirror,
    // the prior uniform, every kernel weighing 1/4.
    const cell = (k: number) => (k + 0.5) / 3;
    const pe = new ParzenEstimator(
      [{ kind: 'categorical', choices: 3 }],
      Float64Array.of(cell(0), cell(0), cell(2)),
      [1, 1, 1],
      OPTUNA,
    );
    expect(Math.exp(pe.logPdf([cell(0)]))).toBeCloseTo(
      ((2 * 1.25) / 1.75 + 0.25 / 1.75 + 1 / 3) / 4,
      9,
    );
    expect(Math.exp(pe.logPdf([cell(1)]))).toBeCloseTo(((3 * 0.25) / 1.75 + 1 / 3) / 4, 9);
    expect(Math.exp(pe.logPdf([cell(2)]))).toBeCloseTo(1 / 3, 6);
  });

  it('puts total mass 1 on the cells of a discrete parameter, and draws only cell centers', () => {
    const levels = 5;
    const pe = new ParzenEstimator(
      [{ kind: 'discrete', levels }],
      Float64Array.of(0.1, 0.5, 0.9),
      [1, 1, 1],
      OPTUNA,
    );
    let total = 0;
    for (let k = 0; k < levels; k++) total += Math.exp(pe.logPdf([(k + 0.5) / levels]));
    expect(total).toBeCloseTo(1, 5);
    const rng = Rng.fromSeed(1);
    const out = new Float64Array(1);
    for (let i = 0; i < 50; i++) {
      pe.sample(rng, out);
      expect(Number.isInteger(out[0] * levels - 0.5)).toBe(true);
    }
  });

  it.each([
    ['univariate', { multivariate: false }],
    ["multivariate with 'hyperopt' bandwidths", { bandwidth: 'hyperopt' }],
  ] as const)(
    'uses neighbour distances %s, the extremes their inner neighbour (no endpoints)',
    (_, mode) => {
      // Sorted with the prior mean: 0.2, 0.3, 0.5 (prior), 0.9. Kernel 0.3: max(0.1, 0.2) = 0.2.
      // 0.2: first, so its inner gap 0.1; 0.9: last, so 0.9 − 0.5 = 0.4. The clip floor is 1/5.
      const pe = new ParzenEstimator(
        [{ kind: 'continuous' }],
        Float64Array.of(0.9, 0.3, 0.2),
        [1, 1, 1],
        { ...OPTUNA, ...mode },
      );
      expect(pe.sigmas[0]).toBeCloseTo(0.4, 12);
      expect(pe.sigmas[1]).toBeCloseTo(0.2, 12);
      expect(pe.sigmas[2]).toBeCloseTo(0.2, 12); // 0.1 raised to the clip's 1/5
    },
  );
});

describe('the tpe sampler', () => {
  it('samples at random for startupTrials, then concentrates near the optimum', () => {
    const study = createStudy({
      space: { x: { type: 'float', low: -10, high: 10 }, y: { type: 'float', low: -10, high: 10 } },
      direction: 'minimize',
      sampler: { type: 'tpe', seed: 5 },
    });
    for (let i = 0; i < 80; i++) {
      const t = study.ask();
      study.tell(t.id, ((t.params.x as number) - 3) ** 2 + ((t.params.y as number) + 2) ** 2);
    }
    const late = study.trials.slice(60).map((t) => t.value!);
    const early = study.trials.slice(0, 10).map((t) => t.value!);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    expect(median(late)).toBeLessThan(median(early) / 10);
    expect(study.bestTrial!.value).toBeLessThan(0.5);
  });

  it('validates its options, naming the field', () => {
    const make = (options: object) =>
      createStudy({
        space: { x: { type: 'float', low: 0, high: 1 } },
        direction: 'minimize',
        sampler: { type: 'tpe', ...options },
      });
    expect(() => make({ gamma: 0 })).toThrow('gamma must be > 0, got 0');
    expect(() => make({ multivariate: 'yes' })).toThrow('multivariate must be true or false');
    expect(() => make({ startup: 'grid' })).toThrow('startup must be one of sobol, random');
    expect(() => make({ bandwidth: 'scott' })).toThrow('bandwidth must be one of optuna, hyperopt');
  });
});
