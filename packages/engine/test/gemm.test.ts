import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemm, view } from '../src/kernels/gemm.js';
import { Arena } from '../src/kernels/arena.js';
import { setSimdEnabled, simdAvailable } from '../src/kernels/wasm/kernels.js';
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

/** Where the operands live: ordinary arrays, or an Arena (in place, or with no packing space). */
type Placement = 'heap' | 'arena' | 'arena-without-scratch';

const SETUPS: ['ts' | 'simd', Placement][] = [
  ['ts', 'heap'],
  ['ts', 'arena'],
  ['simd', 'heap'],
  ['simd', 'arena'],
  ['simd', 'arena-without-scratch'],
];

const SHAPES = [
  [1, 1, 1],
  [4, 4, 4],
  [5, 7, 3],
  [9, 13, 17],
  [16, 3, 8],
  [8, 16, 1],
  [12, 17, 5],
  [33, 26, 40],
];

for (const [backend, placement] of SETUPS)
  describe(`gemm (${backend}, ${placement})`, () => {
    beforeAll(() => setSimdEnabled(backend === 'simd'));
    afterAll(() => setSimdEnabled(true));
    const place = (values: Float32Array): Float32Array => {
      if (placement === 'heap') return values;
      const arena = arenas[placement];
      const a = arena.allocate(values.length);
      a.set(values);
      return a;
    };
    const arenas = {
      arena: Arena.create(20_000, 2_000)!,
      'arena-without-scratch': Arena.create(20_000, 0)!,
    };

    it('multiplies a 2x3 by a 3x2 fixture', () => {
      const a = place(Float32Array.of(1, 2, 3, 4, 5, 6));
      const b = place(Float32Array.of(7, 8, 9, 10, 11, 12));
      const c = place(new Float32Array(4));
      gemm(2, 2, 3, view(a, 3), view(b, 2), c, 2);
      expect(Array.from(c)).toEqual([58, 64, 139, 154]);
    });

    const cases = SHAPES.flatMap(([m, n, k]) =>
      [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ].flatMap(([ta, tb]) => {
        const full = m === 33 ? [false, true] : [true];
        return full.flatMap((accumulate) =>
          full.map((withBias) => ({ m, n, k, ta, tb, accumulate, withBias })),
        );
      }),
    );
    for (const { m, n, k, ta, tb, accumulate, withBias } of cases) {
      it(`matches the naive product for ${m}x${n}x${k}, transA=${ta}, transB=${tb}, accumulate=${accumulate}, bias=${withBias}`, () => {
        const rng = new Rng(m * 100 + n * 10 + k);
        const lda = (ta ? m : k) + 2; // padded leading dimensions exercise the strides
        const ldb = (tb ? k : n) + 1;
        const ldc = n + 3;
        const a = place(random(rng, (ta ? k : m) * lda));
        const b = place(random(rng, (tb ? n : k) * ldb));
        const bias = withBias ? place(random(rng, n)) : null;
        const c0 = random(rng, m * ldc);
        const c = place(c0.slice());
        gemm(m, n, k, view(a, lda, ta), view(b, ldb, tb), c, ldc, accumulate, bias);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let s = (accumulate ? c0[i * ldc + j] : 0) + (bias ? bias[j] : 0);
            for (let p = 0; p < k; p++) s += at(a, lda, ta, i, p) * at(b, ldb, tb, p, j);
            expect(c[i * ldc + j]).toBeCloseTo(s, 5);
          }
          // padding columns of C are untouched
          for (let j = n; j < ldc; j++) expect(c[i * ldc + j]).toBe(c0[i * ldc + j]);
        }
      });
    }

    it('overwrites C when not accumulating', () => {
      const c = Float32Array.of(100, 100, 100, 100);
      gemm(2, 2, 1, view(Float32Array.of(1, 2), 1), view(Float32Array.of(3, 4), 2), c, 2);
      expect(Array.from(c)).toEqual([3, 4, 6, 8]);
    });
  });
