import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLongTimeout } from '../src/long-timeout.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('setLongTimeout', () => {
  it('waits past the 32-bit timer range (a 30-day wall time) instead of firing at once', () => {
    const fired = vi.fn();
    const days30 = 30 * 24 * 3600 * 1000;
    setLongTimeout(fired, days30);
    vi.advanceTimersByTime(1000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(days30 - 1001);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('can be cleared before it fires, also after re-arming', () => {
    const fired = vi.fn();
    const timer = setLongTimeout(fired, 2 ** 32);
    vi.advanceTimersByTime(2 ** 31);
    timer.clear();
    vi.advanceTimersByTime(2 ** 32);
    expect(fired).not.toHaveBeenCalled();
  });
});
