import { Arena } from './arena.js';
import type { MatrixView } from './gemm.js';
import { instantiate, WASM_PAGE_BYTES, type Kernels, type WasmMemory } from './wasm/kernels.js';

/**
 * C[0..m4, 0..n8] = A·B (+ C if accumulate) (+ bias[j]) through the SIMD kernel: in place when
 * every operand lives in one Arena, otherwise staged through copies into a private memory.
 */
export function gemmSimd(
  m4: number,
  n8: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  ldc: number,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  const arena = Arena.of(c, a.data, b.data, bias ?? c);
  if (arena && (b.colStride === 1 || arena.scratch.length >= k * n8)) {
    let bPointer = b.data.byteOffset + b.offset * 4;
    let ldb = b.rowStride;
    if (b.colStride !== 1) {
      pack(b, k, n8, arena.scratch, 0);
      bPointer = arena.scratch.byteOffset;
      ldb = n8;
    }
    arena.kernels.gemm(
      m4, n8, k,
      a.data.byteOffset + a.offset * 4, a.rowStride * 4, a.colStride * 4,
      bPointer, ldb * 4,
      c.byteOffset, ldc * 4,
      bias ? bias.byteOffset : 0, accumulate ? 1 : 0,
    ); // prettier-ignore
    return;
  }
  staged(m4, n8, k, a, b, c, ldc, accumulate, bias);
}

/** B (k×n8, any strides) into row-major rows of n8 values at `at`. */
function pack(b: MatrixView, k: number, n8: number, into: Float32Array, at: number): void {
  const { data, offset, rowStride, colStride } = b;
  for (let p = 0; p < k; p++) {
    const src = offset + p * rowStride;
    const dst = at + p * n8;
    for (let j = 0; j < n8; j++) into[dst + j] = data[src + j * colStride];
  }
}

let staging: { memory: WasmMemory; kernels: Kernels; heap: Float32Array } | null = null;

/** The staging memory with room for `floats` values; it may grow, as only this module views it. */
function stagingHeap(floats: number): { kernels: Kernels; heap: Float32Array } {
  if (!staging) {
    const wasm = instantiate(1)!;
    staging = { ...wasm, heap: new Float32Array(wasm.memory.buffer) };
  }
  if (staging.heap.length < floats) {
    staging.memory.grow(
      Math.ceil((floats * 4 - staging.memory.buffer.byteLength) / WASM_PAGE_BYTES),
    );
    staging.heap = new Float32Array(staging.memory.buffer);
  }
  return staging;
}

const align4 = (n: number) => (n + 3) & ~3;

function staged(
  m4: number,
  n8: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  ldc: number,
  accumulate: boolean,
  bias: Float32Array | null,
): void {
  const aLength = (m4 - 1) * a.rowStride + (k - 1) * a.colStride + 1;
  const packB = b.colStride !== 1;
  const ldb = packB ? n8 : b.rowStride;
  const bLength = packB ? k * n8 : (k - 1) * b.rowStride + n8;
  const aBase = 4; // floats 0..3 stay unused: pointer 0 means "no bias"
  const bBase = align4(aBase + aLength);
  const cBase = align4(bBase + bLength);
  const { kernels, heap: h } = stagingHeap(cBase + m4 * n8);
  h.set(a.data.subarray(a.offset, a.offset + aLength), aBase);
  if (packB) pack(b, k, n8, h, bBase);
  else h.set(b.data.subarray(b.offset, b.offset + bLength), bBase);
  kernels.gemm(
    m4,
    n8,
    k,
    aBase * 4,
    a.rowStride * 4,
    a.colStride * 4,
    bBase * 4,
    ldb * 4,
    cBase * 4,
    n8 * 4,
    0,
    0,
  );
  for (let i = 0; i < m4; i++) {
    const src = cBase + i * n8;
    const dst = i * ldc;
    if (bias === null && !accumulate) c.set(h.subarray(src, src + n8), dst);
    else if (bias === null) for (let j = 0; j < n8; j++) c[dst + j] += h[src + j];
    else if (accumulate) for (let j = 0; j < n8; j++) c[dst + j] += h[src + j] + bias[j];
    else for (let j = 0; j < n8; j++) c[dst + j] = h[src + j] + bias[j];
  }
}
