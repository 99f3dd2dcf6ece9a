/** Node fires a timer longer than this at once (TimeoutOverflowWarning): about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimeout {
  clear(): void;
}

/**
 * setTimeout for user-given durations (a sweep's max wall time, a command's time limit), which
 * may exceed Node's 32-bit timer range: a longer wait re-arms itself until it is due.
 */
export function setLongTimeout(fn: () => void, ms: number): LongTimeout {
  const due = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = Math.max(0, due - Date.now());
    timer = setTimeout(left > MAX_TIMER_MS ? arm : fn, Math.min(left, MAX_TIMER_MS));
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
