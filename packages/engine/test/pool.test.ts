import { describe, expect, it } from 'vitest';
import { Arena } from '../src/kernels/arena.js';
import { Pool2D } from '../src/model/pool2d.js';
import type { PoolPlan } from '../src/model/plan.js';
import { Rng } from '../src/rng.js';

/** 3 samples of 7x7x8; values on a coarse grid, so windows often hold equal maxima. */
function plan(pool: number, stride: number): PoolPlan {
  const side = Math.floor((7 - pool) / stride) + 1;
  return {
    kind: 'pool',
    config: { pool, stride, type: 'max' },
    input: { channels: 8, height: 7, width: 7 },
    output: { channels: 8, height: side, width: side },
  };
}

describe('max pooling by the SIMD kernel and by the TypeScript loop', () => {
  it.each([
    [2, 2],
    [3, 1],
  ])('pool %i, stride %i: same maxima, gradients to the same (first) places', (pool, stride) => {
    const n = 3;
    const p = plan(pool, stride);
    const rng = new Rng(pool);
    const values = Float32Array.from({ length: n * 7 * 7 * 8 }, () => Math.round(rng.normal()));
    const arena = Arena.create(4 * values.length + 2 * n * 8 * 7 * 7 + 1024, 0)!;
    const simdLayer = new Pool2D(p, n, arena.allocate);
    const plainLayer = new Pool2D(p, n);
    const x = arena.allocate(values.length);
    x.set(values);
    const simd = simdLayer.forward(x, n);
    const plain = plainLayer.forward(Float32Array.from(values), n);
    expect(simd).toEqual(plain);
    const dy = Float32Array.from({ length: simd.length }, (_, i) => i + 1);
    const dySimd = arena.allocate(dy.length);
    dySimd.set(dy);
    expect(simdLayer.backward(dySimd, n)).toEqual(plainLayer.backward(dy, n));
  });
});
