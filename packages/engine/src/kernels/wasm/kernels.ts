import type { MatrixView } from '../gemm.js';
import { assembleModule, I32, op, V128, type Bytes } from './assembler.js';

// The WebAssembly SIMD matrix multiply: C[m4×n8] = A·B for the part of a product that fills
// whole 4-row × 8-column tiles. Each tile's 8 vector accumulators stay in registers over the
// whole k loop; per step it loads two vectors of B and splats four scalars of A (32 multiply-adds).
// A may have any strides (scalar loads); B must have unit column stride (vector loads), so the
// caller's transposed B is packed first. Operands are copied into the module's memory because
// JS-owned Float32Arrays cannot be seen from WebAssembly.

// parameter and local indices of the kernel
const [M4, N8, K, A, ARS, ACS, B, LDB, C, LDC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [I, J, P, A0, A1, A2, A3, PB, PC] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
const [X, B0, B1] = [19, 20, 21];
const ACC = 22; // 8 accumulators: row r, half h at ACC + 2r + h
const ROWS = [A0, A1, A2, A3];

function kernelBody(): Bytes[] {
  const { get, set, i32 } = op;
  const acc = (r: number, h: number) => ACC + 2 * r + h;
  const zero = [...op.f32(0), ...op.f32x4Splat];
  const clear = ROWS.flatMap((_, r) => [0, 1].flatMap((h) => [...zero, ...set(acc(r, h))]));
  const rowPointers = [
    ...get(A), ...get(I), ...get(ARS), ...op.i32Mul, ...op.i32Add, ...set(A0),
    ...get(A0), ...get(ARS), ...op.i32Add, ...set(A1),
    ...get(A1), ...get(ARS), ...op.i32Add, ...set(A2),
    ...get(A2), ...get(ARS), ...op.i32Add, ...set(A3),
  ]; // prettier-ignore
  const step = [
    ...get(PB), ...op.v128Load(0), ...set(B0),
    ...get(PB), ...op.v128Load(16), ...set(B1),
    ...ROWS.flatMap((row, r) => [
      ...get(row), ...op.f32Load(), ...op.f32x4Splat, ...set(X),
      ...get(acc(r, 0)), ...get(X), ...get(B0), ...op.f32x4Mul, ...op.f32x4Add, ...set(acc(r, 0)),
      ...get(acc(r, 1)), ...get(X), ...get(B1), ...op.f32x4Mul, ...op.f32x4Add, ...set(acc(r, 1)),
      ...get(row), ...get(ACS), ...op.i32Add, ...set(row),
    ]),
    ...get(PB), ...get(LDB), ...op.i32Add, ...set(PB),
    ...get(P), ...i32(1), ...op.i32Sub, ...op.tee(P), ...op.brIf(0),
  ]; // prettier-ignore
  const store = [
    ...get(C), ...get(I), ...get(LDC), ...op.i32Mul, ...op.i32Add,
    ...get(J), ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(PC),
    ...ROWS.flatMap((_, r) => [
      ...get(PC), ...get(acc(r, 0)), ...op.v128Store(0),
      ...get(PC), ...get(acc(r, 1)), ...op.v128Store(16),
      ...get(PC), ...get(LDC), ...op.i32Add, ...set(PC),
    ]),
  ]; // prettier-ignore
  const rowBlock = op.loop(
    clear,
    rowPointers,
    [...get(B), ...get(J), ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(PB)],
    [...get(K), ...set(P)],
    op.loop(step),
    store,
    [...get(I), ...i32(4), ...op.i32Add, ...op.tee(I), ...get(M4), ...op.i32LtU, ...op.brIf(0)],
  );
  // columns outermost: a B panel of 8 columns stays in L1 while every row block passes over it
  const columnBlock = op.loop([...i32(0), ...set(I)], rowBlock, [
    ...get(J),
    ...i32(8),
    ...op.i32Add,
    ...op.tee(J),
    ...get(N8),
    ...op.i32LtU,
    ...op.brIf(0),
  ]);
  return [[...i32(0), ...set(J)], columnBlock];
}

const PAGE = 65536;

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not type it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  gemm(...args: number[]): void;
}

function compile(): KernelExports | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  const bytes = assembleModule(
    [
      {
        name: 'gemm',
        params: Array(10).fill(I32),
        locals: [...Array(9).fill(I32), ...Array(3 + 8).fill(V128)],
        body: kernelBody(),
      },
    ],
    1,
  );
  if (!wasm.validate(bytes)) return null; // no SIMD support: the TypeScript kernel serves
  return new wasm.Instance(new wasm.Module(bytes)).exports as KernelExports;
}

const compiled = compile();
let heap = compiled ? new Float32Array(compiled.memory.buffer) : new Float32Array(0);

export const simdAvailable = compiled !== null;

/** Grows the module memory to hold `floats` values; views are renewed only when it grows. */
function reserve(floats: number): Float32Array {
  if (heap.length < floats) {
    const memory = compiled!.memory;
    memory.grow(Math.ceil((floats * 4 - memory.buffer.byteLength) / PAGE));
    heap = new Float32Array(memory.buffer);
  }
  return heap;
}

const align4 = (n: number) => (n + 3) & ~3;

/**
 * Writes C[0..m4, 0..n8] (m4 a multiple of 4, n8 of 8) = A·B (+ C if accumulate) (+ bias[j])
 * into the caller's row-major c with leading dimension ldc.
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
  const aLength = (m4 - 1) * a.rowStride + (k - 1) * a.colStride + 1;
  const packB = b.colStride !== 1;
  const ldb = packB ? n8 : b.rowStride;
  const bLength = packB ? k * n8 : (k - 1) * b.rowStride + n8;
  const bBase = align4(aLength);
  const cBase = align4(bBase + bLength);
  const h = reserve(cBase + m4 * n8);
  h.set(a.data.subarray(a.offset, a.offset + aLength), 0);
  if (packB) {
    const { data, offset, rowStride, colStride } = b;
    for (let p = 0; p < k; p++) {
      const src = offset + p * rowStride;
      const dst = bBase + p * n8;
      for (let j = 0; j < n8; j++) h[dst + j] = data[src + j * colStride];
    }
  } else {
    h.set(b.data.subarray(b.offset, b.offset + bLength), bBase);
  }
  compiled!.gemm(
    m4,
    n8,
    k,
    0,
    a.rowStride * 4,
    a.colStride * 4,
    bBase * 4,
    ldb * 4,
    cBase * 4,
    n8 * 4,
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
