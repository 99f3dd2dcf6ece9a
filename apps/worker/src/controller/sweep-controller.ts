import {
  applyCheckpointRetention,
  cancelQueuedTrials,
  endSweep,
  finishedTrials,
  LeaseLostError,
  saveTunerState,
  type Sweep,
} from '@sweepwise/db';
import { ControllerInbox, keys } from '@sweepwise/queue';
import { sweepSpecOf, SweepLoop, systemClock, type SweepSpec } from '@sweepwise/sweeps';
import type { StudyJSON } from '@sweepwise/tuner';
import { BullmqTrialQueue, postgresTrialStore } from './allocation.js';
import { catchUp } from './catch-up.js';
import {
  controllerScope,
  type ControllerDeps,
  type ControllerOptions,
  type ControllerScope,
} from './controller-scope.js';
import { fixDataSplit } from './data-split.js';
import { ControllerLease } from './lease.js';
import { requeueLostJobs } from './requeue-lost-jobs.js';
import { retryStaleTrials } from './stale-trials.js';
import { answerReports } from './stop-decisions.js';

export type { ControllerDeps, ControllerOptions } from './controller-scope.js';

const ENDED = new Set(['cancelled', 'finished', 'failed']);
/** The retention policy runs at most this often while trials end (and once when the sweep is over). */
const RETENTION_EVERY_MS = 1000;
/** A periodic save of the study waits at least this many times what the last one took. */
const SAVE_COST_FACTOR = 20;

/**
 * Runs one sweep while it holds the sweep's lease: the sweep loop (@sweepwise/sweeps) asks,
 * allocates into Postgres, enqueues on BullMQ, decides stops and tells the tuner; around it this
 * renews the lease (lease.ts), catches a restarted study up (catch-up.ts), answers reports
 * (stop-decisions.ts), requeues lost jobs (requeue-lost-jobs.ts), retries trials whose worker died
 * (stale-trials.ts), fixes the data split (data-split.ts) and ends the sweep. Everything it knows
 * is in Postgres (trials, and the tuner's state saved with each allocation), so a controller
 * started anywhere after this one dies carries on where it stopped.
 */
export class SweepController {
  private loop!: SweepLoop;
  private readonly scope: ControllerScope;
  private readonly lease: ControllerLease;
  private readonly trialQueue: BullmqTrialQueue;
  private readonly spec: SweepSpec;
  private nextSave = 0;
  private nextStaleCheck = 0;
  private nextRequeue = 0;
  private queuedCancelled = false;
  private stopping = false;
  /** Trials ended since the retention policy last ran. */
  private retentionDue = false;
  private nextRetention = 0;
  private readonly inbox: ControllerInbox;

  constructor(
    private readonly sweep: Sweep,
    token: string,
    private readonly deps: ControllerDeps,
    private readonly options: ControllerOptions,
  ) {
    this.scope = controllerScope(sweep.id, token, deps, options);
    this.lease = new ControllerLease(this.scope);
    this.spec = sweepSpecOf(sweep);
    this.trialQueue = new BullmqTrialQueue(this.scope, this.spec);
    this.inbox = ControllerInbox.for(deps.blocking, deps.prefix, sweep.id);
  }

  /** Stops after the current round (shutdown); the lease is released for another process. */
  stop(): void {
    this.stopping = true;
  }

  /** Runs until the sweep is over (true) or the controller is stopped or loses its lease. */
  async run(): Promise<boolean> {
    try {
      await this.lease.renew();
      await fixDataSplit(this.scope, this.spec, this.sweep.split);
      this.loop = new SweepLoop(
        this.spec,
        { store: postgresTrialStore(this.scope), queue: this.trialQueue, clock: systemClock },
        this.sweep.tunerState as unknown as StudyJSON | null,
      );
      this.loop.budget = this.lease.view;
      await catchUp(this.scope, this.loop, this.spec);
      while (!this.stopping) {
        const messages = await this.inbox.take(this.options.idleWaitMs);
        await answerReports(this.scope, this.loop, messages);
        if (await this.round()) return true;
      }
      await this.saveState(true);
      return false;
    } catch (err) {
      if (err instanceof LeaseLostError) {
        this.deps.log(err.message);
        return false;
      }
      throw err;
    } finally {
      await this.lease.release();
    }
  }

  private get status(): string {
    return this.lease.view.status;
  }

  /** One pass over the database; true when the sweep is over and this controller is done. */
  private async round(): Promise<boolean> {
    const { db } = this.deps;
    const now = Date.now();
    if (await this.lease.renewWhenDue()) this.publishStatus(this.status);
    this.loop.budget = this.lease.view;
    await this.tellFinished();
    const ended = ENDED.has(this.status);
    if (now >= this.nextStaleCheck) {
      this.nextStaleCheck = now + Math.max(100, this.options.staleAfterMs / 4);
      await retryStaleTrials(this.scope, this.trialQueue, ended);
    }
    if (ended) {
      if (!this.queuedCancelled) {
        await this.scope.retry(() =>
          cancelQueuedTrials(db, this.sweep.id, `the sweep is ${this.status}`),
        );
        this.queuedCancelled = true;
        await this.tellFinished();
      }
      if (this.loop.openCount > 0) return false;
      await this.applyRetention(true);
      await this.saveState(true);
      const inbox = keys.controllerInbox(this.deps.prefix, this.sweep.id);
      await this.deps.redis.del(inbox).catch(() => 0);
      return true;
    }
    if (now >= this.nextRequeue) {
      this.nextRequeue = now + this.options.requeueAfterMs;
      await requeueLostJobs(this.scope, this.trialQueue);
    }
    await this.applyRetention(false);
    if (this.loop.wallTimeOver(this.lease.view.startedAt?.getTime() ?? null)) {
      return this.end('finished', 'max wall time reached');
    }
    const failedOut = this.loop.failedOut;
    if (failedOut) return this.end('failed', failedOut);
    if (this.status === 'running') await this.loop.allocate();
    if (this.loop.done) return this.end('finished');
    await this.saveState(false);
    return false;
  }

  private async tellFinished(): Promise<void> {
    const open = this.loop.openTrials();
    if (open.length === 0) return;
    const finished = await this.scope.retry(() =>
      finishedTrials(this.deps.db, this.sweep.id, open),
    );
    if (this.loop.tell(finished) > 0) this.retentionDue = true;
  }

  /** Marks the sweep over; running trials stop at their next report, later rounds wait for them. */
  private async end(status: 'finished' | 'failed', reason?: string): Promise<boolean> {
    // With no trial left, retention runs before the status says the sweep is over.
    if (this.loop.openCount === 0) await this.applyRetention(true);
    this.lease.view = { ...this.lease.view, status };
    const stored = await this.scope.retry(() =>
      endSweep(this.deps.db, this.sweep.id, this.scope.token, status, {
        tunerState: this.loop.study.toJSON(),
        ...(status === 'failed' && reason ? { error: reason } : {}),
      }),
    );
    this.lease.view.status = stored;
    this.loop.markSaved();
    if (reason) this.deps.log(`sweep ${this.sweep.id}: ${stored} (${reason})`);
    this.publishStatus(stored);
    return false;
  }

  /** Drops checkpoints the retention policy no longer keeps; once more when the sweep is over. */
  private async applyRetention(sweepEnded: boolean): Promise<void> {
    if (!sweepEnded && (!this.retentionDue || Date.now() < this.nextRetention)) return;
    this.retentionDue = false;
    this.nextRetention = Date.now() + RETENTION_EVERY_MS;
    await this.scope.retry(() =>
      applyCheckpointRetention(this.deps.db, this.sweep.id, {
        keepBest: this.options.keepBestCheckpoints,
        sweepEnded,
        store: this.deps.checkpoints,
      }),
    );
  }

  private async saveState(force: boolean): Promise<void> {
    if (!this.loop.dirty) return;
    if (!force && Date.now() < this.nextSave) return;
    const started = Date.now();
    await this.scope.retry(() =>
      saveTunerState(this.deps.db, this.sweep.id, this.scope.token, this.loop.study.toJSON()),
    );
    // The study grows with the sweep (11 MB of JSON at 60,000 trials): saved every second, it took
    // the controller's time and Postgres's (a 100,000-trial sweep fell from 49 to 9 trials/s).
    // Spacing saves at 20x their cost keeps them under 5% of it; catch-up covers the lag.
    const took = Date.now() - started;
    this.nextSave = Date.now() + Math.max(this.options.saveStateEveryMs, SAVE_COST_FACTOR * took);
    this.loop.markSaved();
  }

  private publishStatus(status: string): void {
    this.deps.events.publish({ type: 'sweep.status', sweepId: this.sweep.id, status });
  }
}
