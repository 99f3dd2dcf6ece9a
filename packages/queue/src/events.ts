import type { Redis } from 'ioredis';
import { createRedis, redisUrl } from './connection.js';
import { keys, queuePrefix } from './names.js';

interface TrialEventBase {
  sweepId: string;
  trialId: string;
  number: number;
}

/** What the dashboard hears about a sweep, live. Times are epoch milliseconds. */
export type SweepEvent = { at: number } & (
  | ({ type: 'trial.queued'; attempt: number } & TrialEventBase)
  | ({ type: 'trial.started'; attempt: number; workerId: string } & TrialEventBase)
  | ({ type: 'trial.reported'; step: number; metrics: Record<string, number> } & TrialEventBase)
  | ({ type: 'trial.completed'; value: number | null } & TrialEventBase)
  | ({ type: 'trial.pruned'; step: number | null; reason: string } & TrialEventBase)
  | ({ type: 'trial.failed'; error: string; willRetry: boolean } & TrialEventBase)
  | ({ type: 'trial.cancelled'; reason: string } & TrialEventBase)
  | { type: 'sweep.status'; sweepId: string; status: string }
);

export type SweepEventType = SweepEvent['type'];

/** Distributes `Omit` over the union, so each variant keeps its own fields. */
export type SweepEventInput = SweepEvent extends infer E
  ? E extends SweepEvent
    ? Omit<E, 'at'> & { at?: number }
    : never
  : never;

/**
 * Publishes one event. On the wire a message is a JSON array of events of one sweep (NaN and
 * infinities become null); subscribeSweepEvents unpacks it.
 */
export async function publishSweepEvent(
  redis: Redis,
  event: SweepEventInput,
  prefix: string = queuePrefix(),
): Promise<void> {
  await redis.publish(keys.sweepEvents(prefix, event.sweepId), encode([event]));
}

/**
 * Publishes events in batches, one message per sweep per tick: a busy worker reports thousands of
 * points a second, and a message each would cost more than the trials. Of the `trial.reported` events of one trial
 * in a batch only the latest is sent: listeners learn that the curve grew (and its newest step);
 * the points themselves are in Postgres.
 */
export class SweepEventPublisher {
  private batch: SweepEventInput[] = [];
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  publish(event: SweepEventInput): void {
    this.batch.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Sends what is waiting; errors are dropped (events are for display, the database is truth). */
  async flush(): Promise<void> {
    this.scheduled = false;
    const batch = latestReports(this.batch);
    this.batch = [];
    if (batch.length === 0) return;
    const bySweep = new Map<string, SweepEventInput[]>();
    for (const e of batch) bySweep.set(e.sweepId, [...(bySweep.get(e.sweepId) ?? []), e]);
    const pipeline = this.redis.pipeline();
    for (const [sweepId, events] of bySweep) {
      pipeline.publish(keys.sweepEvents(this.prefix, sweepId), encode(events));
    }
    await pipeline.exec().catch(() => undefined);
  }
}

export interface SweepEventSubscription {
  close(): Promise<void>;
}

/**
 * Calls `onEvent` for every event of a sweep (`'*'`: of every sweep) until `close()`. Opens its own
 * Redis connection (a subscriber cannot run other commands); it resubscribes after a reconnect.
 */
export async function subscribeSweepEvents(
  sweepId: string,
  onEvent: (event: SweepEvent) => void,
  options: { url?: string; prefix?: string } = {},
): Promise<SweepEventSubscription> {
  const prefix = options.prefix ?? queuePrefix();
  const redis = createRedis(options.url ?? redisUrl());
  redis.on('error', () => {});
  const channel = keys.sweepEvents(prefix, sweepId);
  const deliver = (message: string) => {
    let events: SweepEvent[];
    try {
      events = JSON.parse(message) as SweepEvent[];
    } catch {
      return; // A malformed message must not break the subscriber.
    }
    for (const e of Array.isArray(events) ? events : [events]) onEvent(e);
  };
  if (sweepId === '*') {
    redis.on('pmessage', (_pattern, _channel, message: string) => deliver(message));
    await redis.psubscribe(channel);
  } else {
    redis.on('message', (_channel, message: string) => deliver(message));
    await redis.subscribe(channel);
  }
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function latestReports(batch: SweepEventInput[]): SweepEventInput[] {
  const last = new Map<string, number>();
  batch.forEach((e, i) => e.type === 'trial.reported' && last.set(e.trialId, i));
  return batch.filter((e, i) => e.type !== 'trial.reported' || last.get(e.trialId) === i);
}

function encode(events: SweepEventInput[]): string {
  const at = Date.now();
  return JSON.stringify(
    events.map((e) => ({ at, ...e })),
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
  );
}
