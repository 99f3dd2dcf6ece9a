import { describe, expect, it } from 'vitest';
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
