import { gemmSimd } from './gemm-simd.js';
import { simdEnabled } from './wasm/kernels.js';

// Single-precision matrix multiply on caller-owned buffers, row-major with strides, after the
// BLAS sgemm contract: C = A·B (+ C when `accumulate`) (+ bias per column). A transpose is only a
// swap of strides, so one kernel serves X·W (forward), dY·Wᵀ (input gradient) and
// Xᵀ·dY (weight gradient). Operands that live in one Arena are multiplied in place; others are
// staged through copies (see gemm-simd.ts).

/** A strided view of a matrix: element (r, c) is data[offset + r * rowStride + c * colStride]. */
export interface MatrixView {
  data: Float32Array;
  offset: number;
  rowStride: number;
  colStride: number;
}

/** View of a row-major matrix with leading dimension `ld`, optionally transposed. */
export function view(data: Float32Array, ld: number, transpose = false, offset = 0): MatrixView {
  return transpose
    ? { data, offset, rowStride: 1, colStride: ld }
    : { data, offset, rowStride: ld, colStride: 1 };
}

/**
 * C[m×n] = A[m×k]·B[k×n] (+ C if accumulate) (+ bias[j] on every row if bias is given).
 * C is row-major with leading dimension ldc. The SIMD kernel takes the whole 4×8 tiles and the
 * TypeScript kernel the edges (or everything, without SIMD).
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  ldc: number,
  accumulate = false,
  bias: Float32Array | null = null,
): void {
  const m4 = m - (m % 4);
  const n8 = n - (n % 8);
  if (!simdEnabled() || m4 === 0 || n8 === 0 || k === 0) {
    gemmRange(0, m, 0, n, k, a, b, c, ldc, accumulate, bias);
    return;
  }
  gemmSimd(m4, n8, k, a, b, c, ldc, accumulate, bias);
  gemmRange(0, m4, n8, n, k, a, b, c, ldc, accumulate, bias);
  gemmRange(m4, m, 0, n, k, a, b, c, ldc, accumulate, bias);
}

/**
 * The TypeScript kernel on rows i0..i1 and columns j0..j1 of C. Tiles of 4×4 outputs live in
 * local accumulators (16 registers' worth), so each loaded element feeds four multiply-adds.
 */
function gemmRange(
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  ldc: number,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  const ad = a.data;
  const bd = b.data;
  const ars = a.rowStride;
  const acs = a.colStride;
  const brs = b.rowStride;
  const bcs = b.colStride;
  const iEnd = i1 - ((i1 - i0) % 4);
  const jEnd = j1 - ((j1 - j0) % 4);
  for (let i = i0; i < iEnd; i += 4) {
    const a0 = a.offset + i * ars;
    const a1 = a0 + ars;
    const a2 = a1 + ars;
    const a3 = a2 + ars;
    for (let j = j0; j < jEnd; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let pa = 0;
      let pb = b.offset + j * bcs;
      for (let p = 0; p < k; p++, pa += acs, pb += brs) {
        const b0 = bd[pb];
        const b1 = bd[pb + bcs];
        const b2 = bd[pb + 2 * bcs];
        const b3 = bd[pb + 3 * bcs];
        let x = ad[a0 + pa];
        c00 += x * b0;
        c01 += x * b1;
        c02 += x * b2;
        c03 += x * b3;
        x = ad[a1 + pa];
        c10 += x * b0;
        c11 += x * b1;
        c12 += x * b2;
        c13 += x * b3;
        x = ad[a2 + pa];
        c20 += x * b0;
        c21 += x * b1;
        c22 += x * b2;
        c23 += x * b3;
        x = ad[a3 + pa];
        c30 += x * b0;
        c31 += x * b1;
        c32 += x * b2;
        c33 += x * b3;
      }
      const o = i * ldc + j;
      store4(c, o, ldc * 0, c00, c01, c02, c03, accumulate, bias, j);
      store4(c, o, ldc * 1, c10, c11, c12, c13, accumulate, bias, j);
      store4(c, o, ldc * 2, c20, c21, c22, c23, accumulate, bias, j);
      store4(c, o, ldc * 3, c30, c31, c32, c33, accumulate, bias, j);
    }
    for (let r = i; r < i + 4; r++) edgeRow(r, jEnd, j1, k, a, b, c, ldc, accumulate, bias);
  }
  for (let r = iEnd; r < i1; r++) edgeRow(r, j0, j1, k, a, b, c, ldc, accumulate, bias);
}

function store4(
  c: Float32Array,
  o: number,
  row: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
  accumulate: boolean,
  bias: Float32Array | null,
  j: number,
): void {
  const q = o + row;
  if (bias !== null) {
    v0 += bias[j];
    v1 += bias[j + 1];
    v2 += bias[j + 2];
    v3 += bias[j + 3];
  }
  if (accumulate) {
    c[q] += v0;
    c[q + 1] += v1;
    c[q + 2] += v2;
    c[q + 3] += v3;
  } else {
    c[q] = v0;
    c[q + 1] = v1;
    c[q + 2] = v2;
    c[q + 3] = v3;
  }
}

/** Remainder outputs (row r, columns j0..n-1) that do not fill a 4×4 tile: plain dot products. */
function edgeRow(
  r: number,
  j0: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  ldc: number,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  const ad = a.data;
  const bd = b.data;
  const ar = a.offset + r * a.rowStride;
  for (let j = j0; j < n; j++) {
    let s = bias === null ? 0 : bias[j];
    let pa = ar;
    let pb = b.offset + j * b.colStride;
    for (let p = 0; p < k; p++, pa += a.colStride, pb += b.rowStride) s += ad[pa] * bd[pb];
    const q = r * ldc + j;
    c[q] = accumulate ? c[q] + s : s;
  }
}
