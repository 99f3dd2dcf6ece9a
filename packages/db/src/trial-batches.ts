import type { Db } from './client.js';
import type { CurveBuffer } from './curve-buffer.js';
import { isTransientDbError, withDbRetry, type DbRetryOptions } from './retry.js';
import {
  claimTrials,
  finishTrials,
  type ClaimedTrial,
  type TrialClaim,
  type TrialFinish,
} from './trials.js';

interface Waiting<Item, Answer> {
  item: Item;
  resolve: (answer: Answer) => void;
  reject: (err: unknown) => void;
}

/**
 * The calls a process makes in one tick, written in one statement instead of one each: on the
 * scheduler benchmark every statement is a commit, and commits, not rows, are what Postgres and
 * the workers spend their CPU on. Each caller gets the answer for its own item, as if alone: a
 * trial named twice in a tick waits for the next batch, a batch Postgres refuses for one bad item
 * is written item by item so only that one fails, and batches are retried while Postgres is
 * unreachable (the statements are idempotent).
 */
class TickBatcher<Item extends { trialId: string }, Answer> {
  private pending: Waiting<Item, Answer>[] = [];
  private scheduled = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<Answer[]>,
    private readonly retry?: DbRetryOptions,
  ) {}

  add(item: Item): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.send();
    });
  }

  private async send(): Promise<void> {
    const batch = new Map<string, Waiting<Item, Answer>>();
    const later: Waiting<Item, Answer>[] = [];
    for (const w of this.pending) {
      if (batch.has(w.item.trialId)) later.push(w);
      else batch.set(w.item.trialId, w);
    }
    this.pending = later;
    if (later.length > 0) this.schedule();
    const waiting = [...batch.values()];
    try {
      await this.writeAll(waiting);
    } catch (err) {
      if (waiting.length === 1 || isTransientDbError(err)) for (const w of waiting) w.reject(err);
      else await Promise.all(waiting.map((w) => this.writeAll([w]).catch(w.reject)));
    }
  }

  private async writeAll(waiting: Waiting<Item, Answer>[]): Promise<void> {
    const answers = await withDbRetry(() => this.write(waiting.map((w) => w.item)), this.retry);
    waiting.forEach((w, i) => w.resolve(answers[i]!));
  }
}

export interface TrialBatchOptions {
  /** Passed to withDbRetry: by default a batch is retried until Postgres answers again. */
  retry?: DbRetryOptions;
}

/** claimTrial for the jobs a worker process starts in the same tick, in one statement. */
export class TrialClaimer {
  private readonly batches: TickBatcher<TrialClaim, ClaimedTrial | null>;

  constructor(db: Db, { retry }: TrialBatchOptions = {}) {
    this.batches = new TickBatcher(async (claims) => {
      const claimed = await claimTrials(db, claims);
      return claims.map((c) => claimed.get(c.trialId) ?? null);
    }, retry);
  }

  /** As claimTrial: null when the trial is not waiting for this attempt or its sweep is not running. */
  claim(trialId: string, workerId: string, attempt?: number): Promise<ClaimedTrial | null> {
    return this.batches.add({ trialId, workerId, attempt });
  }
}

export interface TrialFinisherOptions extends TrialBatchOptions {
  /** Its points are stored before a trial ends, so whoever sees the end sees the whole curve. */
  curves?: CurveBuffer;
}

/** finishTrial for the trials a worker process ends in the same tick, in one statement. */
export class TrialFinisher {
  private readonly batches: TickBatcher<TrialFinish, boolean>;

  constructor(db: Db, { curves, retry }: TrialFinisherOptions = {}) {
    this.batches = new TickBatcher(async (finishes) => {
      await curves?.flush();
      const held = await finishTrials(db, finishes);
      return finishes.map((f) => held.has(f.trialId));
    }, retry);
  }

  /** As finishTrial: false when the worker no longer holds the trial (its result is ignored). */
  finish(
    trialId: string,
    workerId: string,
    attempt: number,
    outcome: TrialFinish['outcome'],
  ): Promise<boolean> {
    return this.batches.add({ trialId, workerId, attempt, outcome });
  }
}
