import { describe, expect, it } from 'vitest';
import { Arena } from '../src/kernels/arena.js';
import { col2imAdd, im2col, type ConvGeometry } from '../src/kernels/im2col.js';
import { Rng } from '../src/rng.js';

// 2 samples of 7x7x6, kernel 3, stride 2, 'same' padding: full runs of 18 values (the SIMD copy,
// with a 2-value tail), runs cut by the padding to 12 (the TypeScript loop), and zero rows.
const g: ConvGeometry = {
  height: 7,
  width: 7,
  channels: 6,
  outHeight: 4,
  outWidth: 4,
  kernel: 3,
  stride: 2,
  padTop: 1,
  padLeft: 1,
};
const n = 2;
const imageSize = n * 7 * 7 * 6;
const field = 3 * 3 * 6;
const rows = n * 4 * 4;

function random(length: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length }, () => rng.normal());
}

describe('im2col and col2im in an Arena (SIMD runs) and in ordinary arrays', () => {
  const arena = Arena.create(2 * imageSize + 2 * rows * field, 0)!;
  const inArena = (values: Float32Array) => {
    const buffer = arena.allocate(values.length);
    buffer.set(values);
    return buffer;
  };

  it('build the same column matrix, block by block', () => {
    const x = random(imageSize, 1);
    const [xs, cols] = [inArena(x), arena.allocate(rows * field)];
    const plain = new Float32Array(rows * field);
    // blocks of 12 rows and a last one of 8, as a layer takes them
    for (let r0 = 0; r0 < rows; r0 += 12) {
      const r1 = Math.min(rows, r0 + 12);
      im2col(xs, g, r0, r1, cols.subarray(r0 * field));
      im2col(x, g, r0, r1, plain.subarray(r0 * field));
    }
    expect(cols).toEqual(plain);
    // row (sample 1, oy 1, ox 2) reads from (y 1, x 3), its kernel fully inside the image
    const row = 16 + 1 * 4 + 2;
    expect(cols[row * field + 4 * 6 + 5]).toBe(x[7 * 7 * 6 + (2 * 7 + 4) * 6 + 5]);
  });

  it('add the column matrix back to the same image gradient', () => {
    const dcols = random(rows * field, 2);
    const base = random(imageSize, 3);
    const [ds, dx] = [inArena(dcols), inArena(base)];
    const plain = Float32Array.from(base);
    col2imAdd(ds, g, 0, rows, dx);
    col2imAdd(dcols, g, 0, rows, plain);
    expect(dx).toEqual(plain);
    expect(dx).not.toEqual(base);
  });
});
