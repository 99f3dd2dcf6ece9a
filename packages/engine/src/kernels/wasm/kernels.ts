import { assembleModule, F32, I32, op, V128, type Bytes } from './assembler.js';

// The WebAssembly SIMD kernels, written with the small assembler beside this file. Pointers are
// byte offsets into the memory the module imports (an Arena's), so kernels work in place on the
// buffers layers and optimizers allocated there.

const { get, set, tee, i32 } = op;

// gemm: C[m4×n8] = A·B (+ C if accumulate) (+ bias), m4 a multiple of 4, n8 of 8. Each 4×8 tile
// keeps 8 vector accumulators in registers over the whole k loop; per step it loads two vectors
// of B and splats four scalars of A (32 multiply-adds). A may have any strides (scalar loads); B
// needs unit column stride (vector loads). Strides are in bytes.
const [M4, N8, K, A, ARS, ACS, B, LDB, C, LDC, BIAS, ACCUMULATE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]; // prettier-ignore
const [I, J, P, A0, A1, A2, A3, PB, PC] = [12, 13, 14, 15, 16, 17, 18, 19, 20];
const [X, B0, B1] = [21, 22, 23];
const ACC = 24; // row r, half h at ACC + 2r + h
const ROWS = [A0, A1, A2, A3];
const acc = (r: number, h: number) => ACC + 2 * r + h;
const addTo = (local: number, value: Bytes): Bytes => [
  ...get(local),
  ...value,
  ...op.f32x4Add,
  ...set(local),
];

function gemmBody(): Bytes[] {
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
      ...addTo(acc(r, 0), [...get(X), ...get(B0), ...op.f32x4Mul]),
      ...addTo(acc(r, 1), [...get(X), ...get(B1), ...op.f32x4Mul]),
      ...get(row), ...get(ACS), ...op.i32Add, ...set(row),
    ]),
    ...get(PB), ...get(LDB), ...op.i32Add, ...set(PB),
    ...get(P), ...i32(1), ...op.i32Sub, ...tee(P), ...op.brIf(0),
  ]; // prettier-ignore
  const tileStart = [
    ...get(C), ...get(I), ...get(LDC), ...op.i32Mul, ...op.i32Add,
    ...get(J), ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(PC),
  ]; // prettier-ignore
  const nextRow = [...get(PC), ...get(LDC), ...op.i32Add, ...set(PC)];
  const addBias = op.if(
    [...get(BIAS), ...get(J), ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(PB)],
    [...get(PB), ...op.v128Load(0), ...set(B0), ...get(PB), ...op.v128Load(16), ...set(B1)],
    ROWS.flatMap((_, r) => [...addTo(acc(r, 0), get(B0)), ...addTo(acc(r, 1), get(B1))]),
  );
  const addOld = op.if(
    tileStart,
    ROWS.flatMap((_, r) => [
      ...addTo(acc(r, 0), [...get(PC), ...op.v128Load(0)]),
      ...addTo(acc(r, 1), [...get(PC), ...op.v128Load(16)]),
      ...nextRow,
    ]),
  );
  const store = [
    ...tileStart,
    ...ROWS.flatMap((_, r) => [
      ...get(PC), ...get(acc(r, 0)), ...op.v128Store(0),
      ...get(PC), ...get(acc(r, 1)), ...op.v128Store(16),
      ...nextRow,
    ]),
  ]; // prettier-ignore
  const rowBlock = op.loop(
    clear,
    rowPointers,
    [...get(B), ...get(J), ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(PB)],
    [...get(K), ...set(P)],
    op.loop(step),
    [...get(BIAS), ...addBias],
    [...get(ACCUMULATE), ...addOld],
    store,
    [...get(I), ...i32(4), ...op.i32Add, ...tee(I), ...get(M4), ...op.i32LtU, ...op.brIf(0)],
  );
  // columns outermost: a B panel of 8 columns stays in L1 while every row block passes over it
  const columnBlock = op.loop([...i32(0), ...set(I)], rowBlock, [
    ...get(J),
    ...i32(8),
    ...op.i32Add,
    ...tee(J),
    ...get(N8),
    ...op.i32LtU,
    ...op.brIf(0),
  ]);
  return [[...i32(0), ...set(J)], columnBlock];
}

// adam: the Adam update of Optimizer/Adam on 4 lanes, over n4 values (n rounded up to a multiple
// of 4: arena buffers are padded with zeros, which the update leaves at zero).
const [N4, W, G, M, V, BETA1, BETA2, EPS, STEP, INV_CORRECTION] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [OFF, END] = [10, 11];
const [VB1, VB1C, VB2, VB2C, VEPS, VSTEP, VINV, VG, VM, VV] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21]; // prettier-ignore

function adamBody(): Bytes[] {
  const splat = (value: Bytes, local: number): Bytes => [...value, ...op.f32x4Splat, ...set(local)];
  const oneMinus = (local: number): Bytes => [...op.f32(1), ...get(local), ...op.f32Sub];
  const at = (base: number): Bytes => [...get(base), ...get(OFF), ...op.i32Add];
  const body = [
    ...get(OFF), ...get(END), ...op.i32GeU, ...op.brIf(1),
    ...at(G), ...op.v128Load(), ...set(VG),
    // m ← β1·m + (1−β1)·g
    ...get(VB1), ...at(M), ...op.v128Load(), ...op.f32x4Mul,
    ...get(VB1C), ...get(VG), ...op.f32x4Mul, ...op.f32x4Add, ...set(VM),
    ...at(M), ...get(VM), ...op.v128Store(),
    // v ← β2·v + (1−β2)·g²
    ...get(VB2), ...at(V), ...op.v128Load(), ...op.f32x4Mul,
    ...get(VB2C), ...get(VG), ...get(VG), ...op.f32x4Mul, ...op.f32x4Mul, ...op.f32x4Add, ...set(VV),
    ...at(V), ...get(VV), ...op.v128Store(),
    // w ← w − step·m / (√v·(1/√(1−β2ᵗ)) + ε)
    ...at(W),
    ...at(W), ...op.v128Load(),
    ...get(VSTEP), ...get(VM), ...op.f32x4Mul,
    ...get(VV), ...op.f32x4Sqrt, ...get(VINV), ...op.f32x4Mul, ...get(VEPS), ...op.f32x4Add,
    ...op.f32x4Div, ...op.f32x4Sub, ...op.v128Store(),
    ...get(OFF), ...i32(16), ...op.i32Add, ...set(OFF),
    ...op.br(0),
  ]; // prettier-ignore
  return [
    splat(get(BETA1), VB1),
    splat(oneMinus(BETA1), VB1C),
    splat(get(BETA2), VB2),
    splat(oneMinus(BETA2), VB2C),
    splat(get(EPS), VEPS),
    splat(get(STEP), VSTEP),
    splat(get(INV_CORRECTION), VINV),
    [...get(N4), ...i32(16), ...op.i32Mul, ...set(END)], // bytes
    op.block(op.loop(body)),
  ];
}

// relu: x ← max(x, 0) over n4 vectors at X (ReLU without a branch per value, which random signs
// mispredict half the time). reluGrad: g ← g where y > 0, else 0, over n4 vectors.
const [RX, RN4, REND, RZERO] = [0, 1, 2, 3];
const [GY, GG, GN4, GEND, GZERO] = [0, 1, 2, 3, 4];

function reluBody(): Bytes[] {
  const body = [
    ...get(RX), ...get(REND), ...op.i32GeU, ...op.brIf(1),
    ...get(RX), ...get(RX), ...op.v128Load(), ...get(RZERO), ...op.f32x4Max, ...op.v128Store(),
    ...get(RX), ...i32(16), ...op.i32Add, ...set(RX),
    ...op.br(0),
  ]; // prettier-ignore
  return [
    [...op.f32(0), ...op.f32x4Splat, ...set(RZERO)],
    [...get(RX), ...get(RN4), ...i32(16), ...op.i32Mul, ...op.i32Add, ...set(REND)],
    op.block(op.loop(body)),
  ];
}

function reluGradBody(): Bytes[] {
  const body = [
    ...get(GG), ...get(GEND), ...op.i32GeU, ...op.brIf(1),
    ...get(GG), ...get(GG), ...op.v128Load(),
    ...get(GY), ...op.v128Load(), ...get(GZERO), ...op.f32x4Gt, ...op.v128And, ...op.v128Store(),
    ...get(GY), ...i32(16), ...op.i32Add, ...set(GY),
    ...get(GG), ...i32(16), ...op.i32Add, ...set(GG),
    ...op.br(0),
  ]; // prettier-ignore
  return [
    [...op.f32(0), ...op.f32x4Splat, ...set(GZERO)],
    [...get(GG), ...get(GN4), ...i32(16), ...op.i32Mul, ...op.i32Add, ...set(GEND)],
    op.block(op.loop(body)),
  ];
}

// copy: dst[0..n) = src[0..n); addTo: dst[0..n) += src[0..n). Whole vectors, then single values:
// im2col's runs of kernel × channels values and col2im's sums over them.
const [CD, CS, CN, CEND] = [0, 1, 2, 3];

function runBody(add: boolean): Bytes[] {
  const loopUntil = (width: number, load: Bytes, store: Bytes, plus: Bytes): Bytes[] => [
    op.block(
      op.loop(
        [...get(CD), ...get(CEND), ...op.i32GeU, ...op.brIf(1)],
        [...get(CD), ...(add ? [...get(CD), ...load, ...get(CS), ...load, ...plus] : [...get(CS), ...load])],
        store,
        [...get(CD), ...i32(width), ...op.i32Add, ...set(CD)],
        [...get(CS), ...i32(width), ...op.i32Add, ...set(CS)],
        op.br(0),
      ),
    ),
  ]; // prettier-ignore
  return [
    [...get(CD), ...get(CN), ...i32(-4), ...op.i32And, ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(CEND)],
    ...loopUntil(16, op.v128Load(), op.v128Store(), op.f32x4Add),
    [...get(CD), ...get(CN), ...i32(3), ...op.i32And, ...i32(4), ...op.i32Mul, ...op.i32Add, ...set(CEND)],
    ...loopUntil(4, op.f32Load(), op.f32Store(), op.f32Add),
  ]; // prettier-ignore
}

// maxPool: one output position of max pooling over c4 channel vectors: the window's pool×pool
// values (colStep / rowStep elements apart, from the corner X whose element index in the input
// batch is INDEX) compared lane-wise; the maximum goes to OUT and its element index to ARG, the
// first of equal values kept (strictly greater replaces), as the TypeScript loop does.
const [PCORNER, POUT, PARG, PC4, PP, PCOL, PROW, PINDEX] = [0, 1, 2, 3, 4, 5, 6, 7];
const [PCH, PROWI, PCOLI, POFF, PBEST, PIDX, PVAL, PMASK] = [8, 9, 10, 11, 12, 13, 14, 15];

function maxPoolBody(): Bytes[] {
  const bytes = (elements: Bytes): Bytes => [...elements, ...i32(4), ...op.i32Mul];
  // the element index of lane 0 at window offset POFF and channel vector PCH, as 4 lanes
  const lanesAt = (offset: Bytes): Bytes => [
    ...get(PINDEX), ...offset, ...op.i32Add, ...get(PCH), ...i32(4), ...op.i32Mul, ...op.i32Add,
    ...op.i32x4Splat, ...op.v128Const([0, 1, 2, 3]), ...op.i32x4Add,
  ]; // prettier-ignore
  const channel = [...get(PCH), ...i32(16), ...op.i32Mul]; // bytes of PCH vectors
  const tap = [
    ...get(PROWI), ...get(PROW), ...op.i32Mul, ...get(PCOLI), ...get(PCOL), ...op.i32Mul, ...op.i32Add,
    ...set(POFF),
    ...get(PCORNER), ...bytes(get(POFF)), ...op.i32Add, ...channel, ...op.i32Add, ...op.v128Load(),
    ...set(PVAL),
    ...get(PVAL), ...get(PBEST), ...op.f32x4Gt, ...set(PMASK),
    ...get(PVAL), ...get(PBEST), ...get(PMASK), ...op.v128Bitselect, ...set(PBEST),
    ...lanesAt(get(POFF)), ...get(PIDX), ...get(PMASK), ...op.v128Bitselect, ...set(PIDX),
    ...get(PCOLI), ...i32(1), ...op.i32Add, ...tee(PCOLI), ...get(PP), ...op.i32LtU, ...op.brIf(0),
  ]; // prettier-ignore
  const channelVector = [
    ...get(PCORNER), ...channel, ...op.i32Add, ...op.v128Load(), ...set(PBEST),
    ...lanesAt(i32(0)), ...set(PIDX),
    ...i32(0), ...set(PROWI),
    ...op.loop(
      [...i32(0), ...set(PCOLI)],
      op.loop(tap),
      [...get(PROWI), ...i32(1), ...op.i32Add, ...tee(PROWI), ...get(PP), ...op.i32LtU, ...op.brIf(0)],
    ),
    ...get(POUT), ...channel, ...op.i32Add, ...get(PBEST), ...op.v128Store(),
    ...get(PARG), ...channel, ...op.i32Add, ...get(PIDX), ...op.v128Store(),
    ...get(PCH), ...i32(1), ...op.i32Add, ...tee(PCH), ...get(PC4), ...op.i32LtU, ...op.brIf(0),
  ]; // prettier-ignore
  return [[...i32(0), ...set(PCH)], op.loop(channelVector)];
}

export interface Kernels {
  gemm(...args: number[]): void;
  adam(...args: number[]): void;
  relu(x: number, n4: number): void;
  reluGrad(y: number, g: number, n4: number): void;
  copy(dst: number, src: number, n: number): void;
  addTo(dst: number, src: number, n: number): void;
  maxPool(...args: number[]): void;
}

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not type it). */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

function compile(sharedMaxPages?: number): object | null {
  if (!wasm) return null;
  const bytes = assembleModule(
    [
      {
        name: 'gemm',
        params: Array(12).fill(I32),
        locals: [...Array(9).fill(I32), ...Array(3 + 8).fill(V128)],
        body: gemmBody(),
      },
      {
        name: 'adam',
        params: [...Array(5).fill(I32), ...Array(5).fill(F32)],
        locals: [I32, I32, ...Array(10).fill(V128)],
        body: adamBody(),
      },
      { name: 'relu', params: [I32, I32], locals: [I32, V128], body: reluBody() },
      { name: 'reluGrad', params: [I32, I32, I32], locals: [I32, V128], body: reluGradBody() },
      { name: 'copy', params: [I32, I32, I32], locals: [I32], body: runBody(false) },
      { name: 'addTo', params: [I32, I32, I32], locals: [I32], body: runBody(true) },
      {
        name: 'maxPool',
        params: Array(8).fill(I32),
        locals: [...Array(4).fill(I32), ...Array(4).fill(V128)],
        body: maxPoolBody(),
      },
    ],
    sharedMaxPages,
  );
  // without SIMD support the module does not validate and the TypeScript kernels serve
  return wasm.validate(bytes) ? new wasm.Module(bytes) : null;
}

const compiled = compile();
/** The same kernels over a shared memory (threads), compiled when a parallel run first asks. */
let compiledShared: object | null | undefined;

export const simdAvailable = compiled !== null;
let simdOn = simdAvailable;

/**
 * Turns the WebAssembly SIMD kernels on or off for runs started afterwards (the benchmark and
 * tests measure the TypeScript kernels this way); on needs runtime support.
 */
export function setSimdEnabled(on: boolean): void {
  if (on && !simdAvailable) throw new Error('WebAssembly SIMD is not available here');
  simdOn = on;
}

export function simdEnabled(): boolean {
  return simdOn;
}

export const WASM_PAGE_BYTES = 65536;
/** 32-bit memories end at 4 GiB. */
const MAX_PAGES = 65536;

/** A memory of `pages` pages with the kernels bound to it, or null without SIMD support. */
export function instantiate(pages: number): { memory: WasmMemory; kernels: Kernels } | null {
  if (!compiled || !wasm || !simdOn || pages > MAX_PAGES) return null;
  let memory: WasmMemory;
  try {
    memory = new wasm.Memory({ initial: pages });
  } catch {
    return null; // the engine cannot reserve that much: callers fall back to ordinary arrays
  }
  const kernels = new wasm.Instance(compiled, { env: { memory } }).exports as Kernels;
  return { memory, kernels };
}

/**
 * A shared memory of `pages` pages (its buffer is a SharedArrayBuffer that worker threads see),
 * or null without SIMD, without threads support, or when the engine cannot reserve it.
 */
export function createSharedMemory(pages: number): WasmMemory | null {
  if (!compiled || !wasm || !simdOn || pages > MAX_PAGES) return null;
  compiledShared ??= compile(MAX_PAGES);
  if (!compiledShared) return null;
  try {
    return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
}

/** The kernels bound to a shared memory from createSharedMemory (in any thread). */
export function bindShared(memory: WasmMemory): Kernels | null {
  if (!wasm) return null;
  compiledShared ??= compile(MAX_PAGES);
  if (!compiledShared) return null;
  return new wasm.Instance(compiledShared, { env: { memory } }).exports as Kernels;
}
