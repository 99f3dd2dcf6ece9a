import { describe, expect, it } from 'vitest';
import { initWeights, INITS, type Init } from '../src/model/init.js';
import { Rng } from '../src/rng.js';

const FAN_IN = 200;
const FAN_OUT = 100;

/** Expected standard deviation of each initializer for a 200×100 matrix. */
const EXPECTED_STD: Record<Init, number> = {
  uniform: 0.05 / Math.sqrt(3),
  normal: 0.05,
  xavier_uniform: Math.sqrt(6 / 300) / Math.sqrt(3),
  xavier_normal: Math.sqrt(2 / 300),
  he: Math.sqrt(2 / 200),
  he_uniform: Math.sqrt(6 / 200) / Math.sqrt(3),
};

describe('initialization', () => {
  for (const kind of INITS) {
    it(`${kind}: zero mean, the published variance, seeded`, () => {
      const w = new Float32Array(FAN_IN * FAN_OUT);
      initWeights(kind, w, FAN_IN, FAN_OUT, new Rng(3));
      const mean = w.reduce((s, v) => s + v, 0) / w.length;
      const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
      expect(Math.abs(mean)).toBeLessThan(0.03 * EXPECTED_STD[kind]);
      expect(std / EXPECTED_STD[kind]).toBeCloseTo(1, 1);
      const again = new Float32Array(w.length);
      initWeights(kind, again, FAN_IN, FAN_OUT, new Rng(3));
      expect(again).toEqual(w);
    });
  }
});
