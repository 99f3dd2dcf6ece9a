import type { Db } from './client.js';
import { upsertCurvePoints, type CurvePointInput } from './curves.js';
import { withDbRetry, type DbRetryOptions } from './retry.js';

export interface CurveBufferOptions {
  /** Points per INSERT; more wait for the next batch. */
  maxBatchPoints?: number;
  /** Batches written at once: Postgres inserts faster on a few connections than on one. */
  maxBatchesInFlight?: number;
  /** How long a point may wait for others to share its round trip. */
  flushDelayMs?: number;
  /**
   * Points held in memory (waiting or being written) before `add` makes its caller wait for room:
   * during a long Postgres outage trials pause at their next report instead of filling the heap.
   */
  maxBufferedPoints?: number;
  /** Passed to withDbRetry: by default a batch is retried until Postgres answers again. */
  retry?: DbRetryOptions;
  /** Points not stored: their trial was deleted, or their batch failed for good (not a connection problem). */
  onDrop?: (err: unknown, points: number) => void;
  /** Points stored by a batch (the worker's curve points counter). */
  onStored?: (points: number) => void;
}

// 50,000 points is about 10 MB of JS objects, and 25 full batches: room for every trial of a busy
// worker to report many times between two round trips.
const DEFAULTS = {
  maxBatchPoints: 2000,
  maxBatchesInFlight: 3,
  flushDelayMs: 10,
  maxBufferedPoints: 50_000,
} as const;

/**
 * Collects curve points from all the trials of a process and writes them in batches, one round
 * trip per batch, a few batches in flight. While Postgres is unreachable a batch is retried and
 * new points wait in memory, so nothing is lost; upserts make a retried batch harmless. (Two
 * batches in flight could hold the same step of a trial only when a resumed trial re-reports it,
 * with the same value.) Memory is bounded: past `maxBufferedPoints`, `add` waits until batches
 * are written (backpressure), and no point is ever dropped to make room.
 */
export class CurveBuffer {
  private readonly pending: CurvePointInput[] = [];
  /** Points ever added; the sequence number of the first pending point is `added - pending.length`. */
  private added = 0;
  /** Batches being written, with the sequence number of their first point. */
  private readonly inFlight = new Map<Promise<void>, number>();
  /** Points in the batches being written. */
  private inFlightPoints = 0;
  /** Producers waiting for room, woken in order as batches are written. */
  private readonly waitingForRoom: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly options: Required<Omit<CurveBufferOptions, 'retry' | 'onDrop' | 'onStored'>> &
    CurveBufferOptions;

  constructor(
    private readonly db: Db,
    options: CurveBufferOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Points waiting to be written. */
  get size(): number {
    return this.pending.length;
  }

  /** Points in memory: waiting or being written. */
  get buffered(): number {
    return this.pending.length + this.inFlightPoints;
  }

  /**
   * Queues points for writing; resolves at once while the buffer has room, else once enough
   * points are written (an add larger than the whole buffer waits for an empty one).
   */
  async add(points: readonly CurvePointInput[]): Promise<void> {
    if (points.length === 0) return;
    while (this.buffered > 0 && this.buffered + points.length > this.options.maxBufferedPoints) {
      void this.send();
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    }
    this.pending.push(...points);
    this.added += points.length;
    if (this.pending.length >= this.options.maxBatchPoints) void this.send();
    else this.timer ??= setTimeout(() => void this.send(), this.options.flushDelayMs);
  }

  /** Resolves once every point added before the call is in Postgres. */
  async flush(): Promise<void> {
    const target = this.added;
    await this.send();
    // Every point added before the call has left `pending` (sent by this call or another one): it
    // is written, or in a batch in flight that starts before `target`. Later batches hold only
    // later points, so a busy buffer does not hold this caller up.
    await Promise.all([...this.inFlight].filter(([, first]) => first < target).map(([w]) => w));
  }

  /** Sends everything pending, waiting for room when too many batches are in flight. */
  private async send(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.pending.length > 0) {
      if (this.inFlight.size >= this.options.maxBatchesInFlight) {
        await Promise.race(this.inFlight.keys());
        continue;
      }
      const first = this.added - this.pending.length;
      const batch = this.pending.splice(0, this.options.maxBatchPoints);
      this.inFlightPoints += batch.length;
      const write: Promise<void> = this.write(batch).finally(() => {
        this.inFlight.delete(write);
        this.inFlightPoints -= batch.length;
        // Each waiter checks again for room; those still short of it queue up anew.
        for (const wake of this.waitingForRoom.splice(0)) wake();
      });
      this.inFlight.set(write, first);
    }
  }

  private async write(batch: CurvePointInput[]): Promise<void> {
    const points = lastPerKey(batch);
    try {
      const stored = await withDbRetry(
        () => upsertCurvePoints(this.db, points),
        this.options.retry,
      );
      this.options.onStored?.(stored);
      if (stored < points.length) {
        const gone = new Error('their trials no longer exist (deleted with their sweep)');
        this.options.onDrop?.(gone, points.length - stored);
      }
    } catch (err) {
      this.options.onDrop?.(err, batch.length);
    }
  }
}

/** One point per (trial, metric, step), the latest: an upsert may not touch a row twice. */
function lastPerKey(points: CurvePointInput[]): CurvePointInput[] {
  const byKey = new Map<string, CurvePointInput>();
  for (const p of points) byKey.set(`${p.trialId}\u0000${p.metric}\u0000${p.step}`, p);
  return byKey.size === points.length ? points : [...byKey.values()];
}
