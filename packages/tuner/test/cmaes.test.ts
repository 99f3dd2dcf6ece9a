import { describe, expect, it } from 'vitest';
import {
  cmaEsConstants,
  initialCmaEsState,
  sampleCmaEs,
  symmetricEigen,
  updateCmaEs,
  type CmaEsState,
} from '../src/cmaes/cma-es.js';
import { Rng } from '../src/rng.js';

describe('CMA-ES constants (Hansen 2016, Table 1)', () => {
  it('derives population, weights and learning rates for n = 5', () => {
    const c = cmaEsConstants(5);
    expect(c.lambda).toBe(8); // 4 + ⌊3 ln 5⌋
    expect(c.mu).toBe(4);
    expect(c.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (let i = 1; i < c.mu; i++) expect(c.weights[i]).toBeLessThan(c.weights[i - 1]);
    expect(c.muEff).toBeCloseTo(2.6, 1);
    expect(c.cSigma).toBeCloseTo((c.muEff + 2) / (5 + c.muEff + 5), 14);
    expect(c.c1).toBeCloseTo(2 / (6.3 ** 2 + c.muEff), 14);
    expect(c.c1 + c.cMu).toBeLessThanOrEqual(1);
  });
});

describe('symmetric eigendecomposition', () => {
  it('reconstructs the matrix from eigenvectors and eigenvalues', () => {
    const m = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const { vectors: b, values } = symmetricEigen(m, 3);
    expect([...values].sort((x, y) => x - y)).toEqual([
      expect.closeTo(3 - Math.sqrt(3), 12),
      expect.closeTo(3, 12),
      expect.closeTo(3 + Math.sqrt(3), 12),
    ]);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += b[i * 3 + k] * values[k] * b[j * 3 + k];
        expect(s).toBeCloseTo(m[i * 3 + j], 12);
      }
    }
  });
});

function runSphere(seed: number, generations: number): { best: number; state: CmaEsState } {
  const n = 5;
  const c = cmaEsConstants(n);
  const rng = Rng.fromSeed(seed);
  const f = (x: Float64Array) => x.reduce((s, v) => s + (v - 0.3) ** 2, 0);
  let state = initialCmaEsState(new Array<number>(n).fill(0.5), 1 / 6);
  let best = Infinity;
  for (let g = 0; g < generations; g++) {
    const population = Array.from({ length: c.lambda }, () => sampleCmaEs(state, rng));
    for (const x of population) for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
    population.sort((a, b) => f(a) - f(b));
    best = Math.min(best, f(population[0]));
    state = updateCmaEs(state, c, population);
  }
  return { best, state };
}

describe('CMA-ES', () => {
  it('converges on a 5-D sphere and shrinks its step size', () => {
    const { best, state } = runSphere(1, 150);
    expect(best).toBeLessThan(1e-10);
    expect(state.sigma).toBeLessThan(1e-4);
    expect(state.generation).toBe(150);
  });

  it('is deterministic for a seed and its state survives JSON', () => {
    const a = runSphere(4, 10).state;
    expect(JSON.parse(JSON.stringify(a))).toEqual(runSphere(4, 10).state);
  });

  it('refuses to update from fewer than mu points', () => {
    const c = cmaEsConstants(5);
    expect(() => updateCmaEs(initialCmaEsState([0.5, 0.5, 0.5, 0.5, 0.5], 0.2), c, [])).toThrow(
      /at least mu = 4/,
    );
  });
});
