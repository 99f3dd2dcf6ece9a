import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemm, setGemmBackend, view, type GemmBackend } from '../src/kernels/gemm.js';
import { simdAvailable } from '../src/kernels/wasm/gemm-simd.js';
import { Rng } from '../src/rng.js';

function random(rng: Rng, n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.next() * 2 - 1;
  return a;
}

/** (r, c) of a row-major matrix with leading dimension ld, possibly stored transposed. */
function at(a: Float32Array, ld: number, t: boolean, r: number, c: number): number {
  return t ? a[c * ld + r] : a[r * ld + c];
}

it('runs the WebAssembly SIMD kernel on this Node', () => expect(simdAvailable).toBe(true));

for (const backend of ['ts', 'simd'] as GemmBackend[])
  describe(`gemm (${backend})`, () => {
    beforeAll(() => setGemmBackend(backend));
    afterAll(() => setGemmBackend('simd'));

    it('multiplies a 2x3 by a 3x2 fixture', () => {
      const a = Float32Array.of(1, 2, 3, 4, 5, 6);
      const b = Float32Array.of(7, 8, 9, 10, 11, 12);
      const c = new Float32Array(4);
      gemm(2, 2, 3, view(a, 3), view(b, 2), c, 2);
      expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    });

    for (const [m, n, k] of [
      [1, 1, 1],
      [4, 4, 4],
      [5, 7, 3],
      [9, 13, 17],
      [16, 3, 8],
      [8, 16, 1],
      [12, 17, 5],
      [33, 26, 40],
    ]) {
      for (const [ta, tb] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        it(`matches the naive product for ${m}x${n}x${k}, transA=${ta}, transB=${tb}, bias, accumulate`, () => {
          const rng = new Rng(m * 100 + n * 10 + k);
          const lda = (ta ? m : k) + 2; // padded leading dimensions exercise the strides
          const ldb = (tb ? k : n) + 1;
          const ldc = n + 3;
          const a = random(rng, (ta ? k : m) * lda);
          const b = random(rng, (tb ? n : k) * ldb);
          const bias = random(rng, n);
          const c0 = random(rng, m * ldc);
          const c = c0.slice();
          gemm(m, n, k, view(a, lda, ta), view(b, ldb, tb), c, ldc, true, bias);
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = c0[i * ldc + j] + bias[j];
              for (let p = 0; p < k; p++) s += at(a, lda, ta, i, p) * at(b, ldb, tb, p, j);
              expect(c[i * ldc + j]).toBeCloseTo(s, 5);
            }
            // padding columns of C are untouched
            for (let j = n; j < ldc; j++) expect(c[i * ldc + j]).toBe(c0[i * ldc + j]);
          }
        });
      }
    }

    it('overwrites C when not accumulating', () => {
      const c = Float32Array.of(100, 100, 100, 100);
      gemm(2, 2, 1, view(Float32Array.of(1, 2), 1), view(Float32Array.of(3, 4), 2), c, 2);
      expect(Array.from(c)).toEqual([3, 4, 6, 8]);
    });
  });
