import type { Db } from './client.js';
import { upsertCurvePoints, type CurvePointInput } from './curves.js';
import { withDbRetry, type DbRetryOptions } from './retry.js';

export interface CurveBufferOptions {
  /** Points per INSERT; more wait for the next batch. */
  maxBatchPoints?: number;
  /** How long a point may wait for others to share its round trip. */
  flushDelayMs?: number;
  /** Passed to withDbRetry: by default a batch is retried until Postgres answers again. */
  retry?: DbRetryOptions;
  /** A batch that failed for good (not a connection problem, e.g. its trial was deleted). */
  onDrop?: (err: unknown, points: number) => void;
}

const DEFAULTS = { maxBatchPoints: 5000, flushDelayMs: 10 } as const;

/**
 * Collects curve points from all the trials of a process and writes them in batches, one round
 * trip per batch, one batch in flight at a time. While Postgres is unreachable the batch is
 * retried and new points wait in memory, so nothing is lost; upserts make a retried batch harmless.
 */
export class CurveBuffer {
  private readonly pending: CurvePointInput[] = [];
  private added = 0;
  private written = 0;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly options: Required<Omit<CurveBufferOptions, 'retry' | 'onDrop'>> &
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

  add(points: readonly CurvePointInput[]): void {
    if (points.length === 0) return;
    this.pending.push(...points);
    this.added += points.length;
    if (this.pending.length >= this.options.maxBatchPoints) void this.drainOnce().catch(() => {});
    else
      this.timer ??= setTimeout(() => void this.flush().catch(() => {}), this.options.flushDelayMs);
  }

  /** Resolves once every point added before the call is in Postgres. */
  async flush(): Promise<void> {
    const target = this.added;
    while (this.written < target) await this.drainOnce();
  }

  private async drainOnce(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending.splice(0, this.options.maxBatchPoints);
    this.inFlight = this.write(batch).finally(() => {
      this.inFlight = null;
      if (this.pending.length > 0)
        this.timer ??= setTimeout(() => void this.flush().catch(() => {}), 0);
    });
    return this.inFlight;
  }

  private async write(batch: CurvePointInput[]): Promise<void> {
    try {
      await withDbRetry(() => upsertCurvePoints(this.db, lastPerKey(batch)), this.options.retry);
    } catch (err) {
      this.options.onDrop?.(err, batch.length);
    }
    this.written += batch.length;
  }
}

/** One point per (trial, metric, step), the latest: an upsert may not touch a row twice. */
function lastPerKey(points: CurvePointInput[]): CurvePointInput[] {
  const byKey = new Map<string, CurvePointInput>();
  for (const p of points) byKey.set(`${p.trialId}\u0000${p.metric}\u0000${p.step}`, p);
  return byKey.size === points.length ? points : [...byKey.values()];
}
