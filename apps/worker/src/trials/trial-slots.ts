/**
 * A worker's trial slots as a weighted semaphore: a trial takes as many slots as cores it keeps
 * busy (an engine trial with `parallel.workers: K` takes K), so a machine is never oversubscribed.
 * Waiters are served first come, first served, so a wide trial is not starved by narrow ones that
 * keep arriving. A trial wider than the worker takes all of its slots and runs alone.
 */
export class TrialSlots {
  private free: number;
  private closed = false;
  private readonly waiting: { slots: number; grant: (granted: boolean) => void }[] = [];

  constructor(readonly capacity: number) {
    this.free = capacity;
  }

  /** Slots held by running trials. */
  get busy(): number {
    return this.capacity - this.free;
  }

  /**
   * Resolves once `slots` (at most the capacity) are free, with the function that frees them; null
   * when the worker closes first (the trial was never started).
   */
  async acquire(slots: number): Promise<(() => void) | null> {
    const n = Math.max(1, Math.min(slots, this.capacity));
    if (this.closed) return null;
    if (this.waiting.length > 0 || this.free < n) {
      const granted = await new Promise<boolean>((grant) => this.waiting.push({ slots: n, grant }));
      if (!granted) return null;
    } else {
      this.free -= n;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.free += n;
      this.grantWaiting();
    };
  }

  /** Shutdown: trials still waiting are not started (their jobs end; the trials stay queued). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.grant(false);
  }

  /** The slots are taken for a waiter before its promise resolves, so none can overtake it. */
  private grantWaiting(): void {
    for (let next = this.waiting[0]; next && next.slots <= this.free; next = this.waiting[0]) {
      this.waiting.shift();
      this.free -= next.slots;
      next.grant(true);
    }
  }
}
