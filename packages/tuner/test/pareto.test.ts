// Dominance, non-dominated sort, crowding distance and hypervolume on fronts checked by hand.

import { describe, expect, it } from 'vitest';
import {
  constrainedDominates,
  crowdingDistance,
  dominates,
  hypervolume,
  nonDominatedSort,
  paretoFront,
} from '../src/index.js';

// Losses (minimized): 0-2 are mutually non-dominated, 1 dominates 3, 3 dominates 5, all beat 4.
const POINTS = [
  [1, 5],
  [2, 3],
  [4, 1],
  [3, 4],
  [5, 5],
  [4, 4],
];

describe('dominance', () => {
  it('needs no worse everywhere and better somewhere; equal points do not dominate', () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 3], [1, 2])).toBe(false);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([0, 5], [1, 2])).toBe(false);
  });

  it("follows Deb's constrained domination: feasible first, then smaller violation", () => {
    expect(constrainedDominates([9, 9], 0, [0, 0], 0.1)).toBe(true);
    expect(constrainedDominates([0, 0], 0.1, [9, 9], 0)).toBe(false);
    expect(constrainedDominates([9, 9], 0.2, [0, 0], 0.5)).toBe(true);
    expect(constrainedDominates([0, 0], 0.5, [9, 9], 0.2)).toBe(false);
    expect(constrainedDominates([1, 1], 0, [2, 2], 0)).toBe(true);
  });
});

describe('non-dominated sort (Deb et al. 2002)', () => {
  it('ranks a hand-checked set into fronts', () => {
    expect(nonDominatedSort(POINTS)).toEqual([[0, 1, 2], [3], [5], [4]]);
  });

  it('puts an infeasible point behind every feasible one', () => {
    const violations = [2, 0, 0, 0, 0, 0];
    expect(nonDominatedSort(POINTS, violations)).toEqual([[1, 2], [3], [5], [4], [0]]);
    // Two infeasible points rank by violation alone.
    expect(
      nonDominatedSort(
        [
          [0, 0],
          [9, 9],
        ],
        [3, 1],
      ),
    ).toEqual([[1], [0]]);
  });

  it('keeps the non-dominated points as the front', () => {
    expect(paretoFront(POINTS)).toEqual([0, 1, 2]);
    expect(
      paretoFront([
        [1, 1],
        [1, 1],
        [2, 0],
      ]),
    ).toEqual([0, 1, 2]);
  });
});

describe('crowding distance (Deb et al. 2002, section III-B)', () => {
  it('gives extremes Infinity and inner points the normalized neighbour gaps summed', () => {
    // Objective 1 range 3, objective 2 range 4: the middle point gets 3/3 + 4/4.
    expect(Array.from(crowdingDistance(POINTS, [0, 1, 2]))).toEqual([Infinity, 2, Infinity]);
    const four = [
      [1, 5],
      [2, 3],
      [3, 2],
      [4, 1],
    ];
    const d = crowdingDistance(four, [0, 1, 2, 3]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(2 / 3 + 3 / 4, 12); // (3 - 1) / 3 + (5 - 2) / 4
    expect(d[2]).toBeCloseTo(2 / 3 + 2 / 4, 12); // (4 - 2) / 3 + (3 - 1) / 4
  });

  it('adds nothing for an objective with zero range', () => {
    const d = crowdingDistance(
      [
        [1, 7],
        [2, 7],
        [3, 7],
      ],
      [0, 1, 2],
    );
    expect(Array.from(d)).toEqual([Infinity, 1, Infinity]);
  });
});

describe('hypervolume', () => {
  it('is exact on hand-computed 1-, 2-, 3- and 4-objective fronts', () => {
    expect(hypervolume([[3], [1]], [4])).toBe(3);
    // Strips 3·1 + 2·1 + 1·1; the dominated (3, 3) and the point beyond the reference add nothing.
    const two = [
      [1, 3],
      [2, 2],
      [3, 1],
      [3, 3],
      [5, 0],
    ];
    expect(hypervolume(two, [4, 4])).toBe(6);
    // Three boxes of 9, pairwise overlaps of 3, a common cube of 1: 27 − 9 + 1.
    const three = [
      [1, 1, 3],
      [1, 3, 1],
      [3, 1, 1],
    ];
    expect(hypervolume(three, [4, 4, 4])).toBeCloseTo(19, 12);
    // Two boxes of 8 overlapping in 4 (WFG).
    const four = [
      [0, 0, 0, 1],
      [1, 0, 0, 0],
    ];
    expect(hypervolume(four, [2, 2, 2, 2])).toBeCloseTo(12, 12);
    expect(hypervolume([[1, 1, 1, 1]], [2, 3, 4, 5])).toBe(24);
  });

  it('matches the inclusion-exclusion volume of random 3-D sets (sweep against WFG-style sum)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 5; trial++) {
      const points = Array.from({ length: 6 }, () => [rnd(), rnd(), rnd()]);
      let exact = 0;
      // Inclusion-exclusion over all non-empty subsets: intersections are boxes at the max.
      for (let mask = 1; mask < 1 << points.length; mask++) {
        const corner = [0, 0, 0];
        let size = 0;
        points.forEach((p, i) => {
          if (mask & (1 << i)) {
            size++;
            for (let k = 0; k < 3; k++) corner[k] = Math.max(corner[k], p[k]);
          }
        });
        const box = corner.reduce((v, c) => v * (1 - c), 1);
        exact += size % 2 ? box : -box;
      }
      expect(hypervolume(points, [1, 1, 1])).toBeCloseTo(exact, 12);
    }
  });

  it('refuses points with the wrong number of objectives', () => {
    expect(() => hypervolume([[1, 2, 3]], [4, 4])).toThrow('a point has 3 objectives');
  });
});
