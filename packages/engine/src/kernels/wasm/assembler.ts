// A minimal WebAssembly binary encoder: just the instructions the SIMD kernels use, so the kernels
// are written here in TypeScript (readable, reviewed, tested) instead of shipped as opaque bytes
// or compiled from .wat by a tool the project does not have. Spec: webassembly.github.io/spec,
// "Binary Format" and the fixed-width SIMD proposal (opcodes behind the 0xfd prefix).

export type Bytes = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof V128;

export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (op: number): Bytes => [0xfd, ...uleb(op)];
const memarg = (alignLog2: number, offset: number): Bytes => [...uleb(alignLog2), ...uleb(offset)];

/** The instructions, each returning its encoding; structured control takes its body. */
export const op = {
  block: (...body: Bytes[]): Bytes => [0x02, 0x40, ...body.flat(), 0x0b],
  loop: (...body: Bytes[]): Bytes => [0x03, 0x40, ...body.flat(), 0x0b],
  if: (...body: Bytes[]): Bytes => [0x04, 0x40, ...body.flat(), 0x0b],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  i32: (value: number): Bytes => [0x41, ...sleb(value)],
  f32: (value: number): Bytes => {
    const b = new Uint8Array(new Float32Array([value]).buffer);
    return [0x43, ...b];
  },
  f32Add: [0x92],
  f32Sub: [0x93],
  i32And: [0x71],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  i32Ne: [0x47],
  i32Eqz: [0x45],
  f32Load: (offset = 0): Bytes => [0x2a, ...memarg(2, offset)],
  f32Store: (offset = 0): Bytes => [0x38, ...memarg(2, offset)],
  v128Load: (offset = 0): Bytes => [...simd(0x00), ...memarg(2, offset)],
  v128Store: (offset = 0): Bytes => [...simd(0x0b), ...memarg(2, offset)],
  f32x4Splat: simd(0x13),
  f32x4Add: simd(0xe4),
  f32x4Sub: simd(0xe5),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  f32x4Sqrt: simd(0xe3),
  f32x4Max: simd(0xe9),
  i32x4Splat: simd(0x11),
  i32x4Add: simd(0xae),
  v128Bitselect: simd(0x52),
  /** Four i32 lanes. */
  v128Const: (lanes: [number, number, number, number]): Bytes => [
    ...simd(0x0c),
    ...new Uint8Array(Int32Array.from(lanes).buffer),
  ],
  f32x4Gt: simd(0x44),
  v128And: simd(0x4e),
};

export interface FunctionDef {
  name: string;
  params: ValueType[];
  locals: ValueType[];
  body: Bytes[];
}

/**
 * A module of exported functions (no results) over one memory imported as env.memory: an ordinary
 * memory, or a shared one (limits flag 3: shared, with a maximum) that several threads bind to.
 */
export function assembleModule(functions: FunctionDef[], sharedMaxPages?: number): Uint8Array {
  const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
  const section = (id: number, content: Bytes): Bytes => [id, ...uleb(content.length), ...content];
  const name = (s: string): Bytes => vec([...new TextEncoder().encode(s)].map((b) => [b]));
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0x00]);
  const code = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [0x01, t]));
    const body = [...locals, ...f.body.flat(), 0x0b];
    return [...uleb(body.length), ...body];
  });
  const limits =
    sharedMaxPages === undefined ? [0x00, ...uleb(1)] : [0x03, ...uleb(1), ...uleb(sharedMaxPages)];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(code)),
  ]);
}
