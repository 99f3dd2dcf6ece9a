import { describe, expect, it } from 'vitest';
import { ScrambledSobol } from '../src/index.js';

describe('Sobol sequence', () => {
  it('matches the first unscrambled points of Joe & Kuo in 3 dimensions', () => {
    const sobol = new ScrambledSobol(3, 0, false);
    const points = Array.from({ length: 10 }, (_, i) => Array.from(sobol.point(i)));
    expect(points).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
      [0.1875, 0.3125, 0.9375],
      [0.6875, 0.8125, 0.4375],
    ]);
  });

  it('keeps one point per 1/16 interval in every dimension after scrambling', () => {
    const sobol = new ScrambledSobol(32, 123);
    const cells = Array.from({ length: 32 }, () => new Set<number>());
    for (let i = 0; i < 16; i++) {
      sobol.point(i).forEach((u, d) => cells[d].add(Math.floor(u * 16)));
    }
    for (const c of cells) expect(c.size).toBe(16);
    expect(Array.from(sobol.point(0))).not.toEqual(
      Array.from(new ScrambledSobol(32, 124).point(0)),
    );
  });

  it('keeps one point per 1/4 x 1/4 cell in 2-D projections (a (0,4,2)-net property)', () => {
    const sobol = new ScrambledSobol(8, 5);
    for (const [d1, d2] of [
      [0, 1],
      [2, 7],
      [4, 5],
    ]) {
      const cells = new Set<number>();
      for (let i = 0; i < 16; i++) {
        const u = sobol.point(i);
        cells.add(Math.floor(u[d1] * 4) * 4 + Math.floor(u[d2] * 4));
      }
      expect(cells.size).toBe(16);
    }
  });
});
