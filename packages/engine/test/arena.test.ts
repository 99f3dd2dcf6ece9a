import { describe, expect, it } from 'vitest';
import { activate, activationBackward } from '../src/kernels/activation.js';
import { Arena } from '../src/kernels/arena.js';
import { setSimdEnabled } from '../src/kernels/wasm/kernels.js';

describe('Arena', () => {
  it('hands out zeroed, 16-byte aligned views of one memory, then ordinary arrays when full', () => {
    const arena = Arena.create(12, 0)!;
    const a = arena.allocate(5);
    const b = arena.allocate(3);
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset - a.byteOffset).toBe(32); // 5 floats padded to 8
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(Arena.of(a, b)).toBe(arena);
    const overflow = arena.allocate(8);
    expect(overflow.buffer).not.toBe(a.buffer);
    expect(Arena.of(a, overflow)).toBeUndefined();
  });

  it('is not used while SIMD is switched off', () => {
    const arena = Arena.create(8, 0)!;
    const a = arena.allocate(4);
    setSimdEnabled(false);
    try {
      expect(Arena.of(a, a)).toBeUndefined();
      expect(Arena.create(8, 0)).toBeNull();
    } finally {
      setSimdEnabled(true);
    }
    expect(Arena.of(a, a)).toBe(arena);
  });
});

describe('the SIMD ReLU kernels', () => {
  // 11 values: two whole vectors by the kernel, three by TypeScript; signs mixed, zeros of both signs
  const values = [-2, 3, 0, -0, 0.5, -1e-30, 7, -7, 1, -3, 2];

  /** Buffers in one Arena (the SIMD kernels run on them) holding these values. */
  function inArena(...sources: number[][]): Float32Array[] {
    const arena = Arena.create(64, 0)!;
    return sources.map((source) => {
      const buffer = arena.allocate(source.length);
      buffer.set(source);
      return buffer;
    });
  }

  it('relu gives what the TypeScript kernel gives, past the whole vectors too', () => {
    const [simd] = inArena(values);
    const plain = Float32Array.from(values);
    activate('relu', simd!, values.length);
    activate('relu', plain, values.length);
    expect(Array.from(simd!)).toEqual(Array.from(plain).map((v) => v + 0)); // -0 as 0
    expect(Array.from(simd!)).toEqual([0, 3, 0, 0, 0.5, 0, 7, 0, 1, 0, 2]);
  });

  it("relu's gradient passes where the output is positive, on both kernels", () => {
    const outputs = values.map((v) => Math.max(v, 0));
    const grads = values.map((_, i) => i + 1);
    const [y, gSimd] = inArena(outputs, grads);
    const gPlain = Float32Array.from(grads);
    activationBackward('relu', y!, gSimd!, values.length);
    activationBackward('relu', Float32Array.from(outputs), gPlain, values.length);
    expect(Array.from(gSimd!)).toEqual(Array.from(gPlain));
    expect(Array.from(gSimd!)).toEqual([0, 2, 0, 0, 5, 0, 7, 0, 9, 0, 11]);
  });
});
