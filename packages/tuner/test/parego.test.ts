// ParEGO's published parts on hand-checked cases: Knowles 2006's weight lattices and the augmented
// Tchebycheff scalar; then the sampler on a small two-objective problem.

import { describe, expect, it } from 'vitest';
import { createStudy } from '../src/index.js';
import { tchebycheff, weightLattice } from '../src/samplers/parego.js';

describe('ParEGO', () => {
  it('draws weights from the simplex lattice: 11 vectors for 2 objectives, 15 for 3 (Knowles)', () => {
    expect(weightLattice(2, 10)).toHaveLength(11);
    expect(weightLattice(3, 4)).toHaveLength(15);
    for (const w of weightLattice(3, 4)) expect(w.reduce((a, b) => a + b)).toBe(4);
    expect(weightLattice(2, 2)).toEqual([
      [0, 2],
      [1, 1],
      [2, 0],
    ]);
  });

  it('scalarizes normalized losses with max λf + ρ Σ λf, and skips trials without losses', () => {
    // Ranges: f1 in [0, 2], f2 in [10, 30]. Point (1, 30) normalizes to (0.5, 1).
    const s = tchebycheff([[0, 10], [2, 20], undefined, [1, 30]], [0.25, 0.75], 0.05);
    expect(s[0]).toBeCloseTo(0, 12);
    // (1, 0.5): max(0.25, 0.375) + 0.05 · (0.25 + 0.375)
    expect(s[1]).toBeCloseTo(0.375 + 0.05 * 0.625, 12);
    expect(Number.isNaN(s[2])).toBe(true);
    // (0.5, 1): max(0.125, 0.75) + 0.05 · 0.875
    expect(s[3]).toBeCloseTo(0.75 + 0.05 * 0.875, 12);
  });

  it('moves toward the front of a two-objective problem after its start-up trials', () => {
    // f1 = x, f2 = g · (1 − x / g) with g = 1 + 9y: the front is y = 0.
    const study = createStudy({
      space: { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } },
      objectives: [
        { name: 'f1', direction: 'minimize' },
        { name: 'f2', direction: 'minimize' },
      ],
      sampler: { type: 'parego', seed: 3, startupTrials: 6 },
    });
    const ys: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { id, params } = study.ask();
      const [x, y] = [params.x as number, params.y as number];
      const g = 1 + 9 * y;
      study.tell(id, [x, g * (1 - x / g)]);
      ys.push(y);
    }
    const mean = (a: number[]) => a.reduce((p, q) => p + q) / a.length;
    expect(mean(ys.slice(6))).toBeLessThan(mean(ys.slice(0, 6)) / 2);
  });
});
