import type { Redis } from 'ioredis';
import {
  allocateTrials,
  applyCheckpointRetention,
  cancelQueuedTrials,
  endSweep,
  finishedTrials,
  LeaseLostError,
  Prisma,
  queuedTrials,
  recordStopDecisions,
  recoverStaleTrials,
  setTunerTrialIds,
  trialsForTuner,
  releaseControllerLease,
  renewControllerLease,
  saveTunerState,
  type CheckpointStore,
  type Db,
  type FinishedTrial,
  type StopDecisionInput,
  type Sweep,
  type SweepLeaseView,
} from '@sweepwise/db';
import type { DbReachability } from '../db-reachability.js';
import {
  ControllerInbox,
  replyStopDecision,
  trialJobId,
  type ControllerMessage,
  type ReportMessage,
  type SweepEventPublisher,
  type TrialQueue,
} from '@sweepwise/queue';
import type { TrialRouter } from './trial-router.js';
import { studyConfigOf, sweepSpecOf, tellOf } from '@sweepwise/sweeps';
import { sweepSplit, type SweepSplit } from '../promotion/sweep-split.js';
import { describeError } from '../runners/trial-runner.js';
import {
  createStudy,
  type Params,
  loadStudy,
  StudyExhaustedError,
  type Study,
  type StudyJSON,
} from '@sweepwise/tuner';

export interface ControllerOptions {
  leaseMs: number;
  staleAfterMs: number;
  maxAttempts: number;
  /** Longest wait for a message before the controller looks at the database anyway. */
  idleWaitMs: number;
  /** Queued trials older than this get their job added again (lost with a Redis restart). */
  requeueAfterMs: number;
  /** How often the tuner's state is saved while it changes (a restart catches up from the trials). */
  saveStateEveryMs: number;
  /** Finished trials that keep their checkpoints, the best by objective (and promoted ones). */
  keepBestCheckpoints: number;
}

export interface ControllerDeps {
  db: Db;
  redis: Redis;
  /** A connection of this controller's own: the inbox blocks on it. */
  blocking: Redis;
  router: TrialRouter;
  events: SweepEventPublisher;
  prefix: string;
  log: (message: string) => void;
  reachability: DbReachability;
  checkpoints: CheckpointStore | null;
}

/** Continue decisions are stored for 1 report in this many (and for step 1): stops always are. */
const CONTINUE_SAMPLE_EVERY = 10;
const ENDED = new Set(['cancelled', 'finished', 'failed']);
/** The retention policy runs at most this often while trials end (and once when the sweep is over). */
const RETENTION_EVERY_MS = 1000;

/**
 * Runs one sweep while it holds the sweep's lease: asks the tuner for configurations and enqueues
 * them within the budget, answers reports with stop decisions (each stored with its reason), tells
 * the tuner how trials ended, retries trials whose worker died, and ends the sweep. Everything it
 * knows is in Postgres (trials, and the tuner's state saved with each allocation), so a controller
 * started anywhere after this one dies carries on where it stopped.
 */
export class SweepController {
  private study!: Study;
  /** Tuner ids of the trials the study still sees as running. */
  private readonly open = new Set<string>();
  private view!: SweepLeaseView;
  private allocated = 0;
  private exhausted = false;
  private stateDirty = false;
  private lastSave = 0;
  private nextRenew = 0;
  private nextStaleCheck = 0;
  private nextRequeue = 0;
  private queuedCancelled = false;
  private stopping = false;
  /** Trials ended since the retention policy last ran. */
  private retentionDue = false;
  private nextRetention = 0;
  /** Why the sweep's trials are not enqueued (no live worker accepts its command), logged once. */
  private waiting: string | null = null;
  private readonly inbox: ControllerInbox;

  /** The sweep's SweepSpec, as stored. */
  private get spec() {
    return sweepSpecOf(this.sweep);
  }

  constructor(
    private readonly sweep: Sweep,
    private readonly token: string,
    private readonly deps: ControllerDeps,
    private readonly options: ControllerOptions,
  ) {
    this.inbox = ControllerInbox.for(deps.blocking, deps.prefix, sweep.id);
  }

  /** Stops after the current round (shutdown); the lease is released for another process. */
  stop(): void {
    this.stopping = true;
  }

  /** Runs until the sweep is over (true) or the controller is stopped or loses its lease. */
  async run(): Promise<boolean> {
    const { db } = this.deps;
    try {
      this.view = await this.retry(() =>
        renewControllerLease(db, this.sweep.id, this.token, this.options.leaseMs),
      );
      await this.fixDataSplit();
      this.study = this.sweep.tunerState
        ? loadStudy(this.sweep.tunerState as unknown as StudyJSON)
        : createStudy(studyConfigOf(this.spec));
      await this.catchUp();
      while (!this.stopping) {
        const messages = await this.inbox.take(this.options.idleWaitMs);
        await this.answerReports(messages);
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
      // Whoever polls next may take the sweep over at once instead of waiting out the lease.
      await releaseControllerLease(db, this.sweep.id, this.token).catch(() => undefined);
    }
  }

  /**
   * Fixes an engine sweep's data split before its first trial (issue 8): every trial shares it,
   * and a promotion later re-creates it and refuses if its test hash no longer matches. Set once:
   * a restarted controller keeps the stored one.
   */
  private async fixDataSplit(): Promise<void> {
    const { workload } = this.spec;
    if (this.sweep.split !== null || !('engine' in workload)) return;
    let split: SweepSplit;
    try {
      split = sweepSplit(workload.engine);
    } catch (err) {
      // The trials will fail with the same data error, each with its message.
      this.deps.log(`sweep ${this.sweep.id}: no data split fixed (${describeError(err)})`);
      return;
    }
    const db = this.deps.db;
    await this.retry(() =>
      db.sweep.updateMany({
        where: { id: this.sweep.id, split: { equals: Prisma.DbNull } },
        data: { split: split as unknown as Prisma.InputJsonObject },
      }),
    );
  }

  /**
   * After a restart the saved study (saved every `saveStateEveryMs`) may lag the database: trials
   * allocated since are added to it (and get their new tuner ids), trials it sees running may have
   * ended (they are told), and running ones may have reported values it never heard (replayed;
   * reports of a step replace each other).
   */
  private async catchUp(): Promise<void> {
    const { db } = this.deps;
    const rows = await this.retry(() => trialsForTuner(db, this.sweep.id));
    this.allocated = rows.length;
    const known = new Set(this.study.trials.map((t) => String(t.id)));
    const renamed: { id: string; tunerTrialId: string }[] = [];
    for (const r of rows) {
      if (r.tunerTrialId !== null && known.has(r.tunerTrialId)) continue;
      // A completed row joins as running and is told below with the others, from its metrics.
      const told = r.state === 'queued' || r.state === 'running' || r.state === 'completed';
      const added = this.study.addTrial({
        params: r.params as Params,
        state: told ? 'running' : r.state === 'pruned' ? 'pruned' : 'failed',
      });
      renamed.push({ id: r.id, tunerTrialId: String(added.id) });
      r.tunerTrialId = String(added.id);
    }
    await this.retry(() => setTunerTrialIds(db, renamed));
    this.stateDirty = renamed.length > 0;
    // A study trial running without a row was asked beyond what an allocation could insert.
    const inserted = new Set(rows.map((r) => r.tunerTrialId));
    for (const t of this.study.trials) {
      if (t.state !== 'running') continue;
      if (inserted.has(String(t.id))) this.open.add(String(t.id));
      else this.study.tell(t.id, { state: 'failed' });
    }
    this.tell(
      rows.flatMap((r) =>
        r.state === 'queued' || r.state === 'running' || r.tunerTrialId === null
          ? []
          : [{ ...r, tunerTrialId: r.tunerTrialId, state: r.state }],
      ),
    );
    const running = [...this.open];
    if (this.spec.stopper && running.length > 0) {
      const points = await db.curvePoint.findMany({
        where: {
          metric: this.spec.metric.name,
          trial: { sweepId: this.sweep.id, tunerTrialId: { in: running } },
        },
        select: { step: true, value: true, trial: { select: { tunerTrialId: true } } },
        orderBy: { step: 'asc' },
      });
      for (const p of points) this.study.report(Number(p.trial.tunerTrialId), p.step, p.value);
    }
  }

  /** One pass over the database; true when the sweep is over and this controller is done. */
  private async round(): Promise<boolean> {
    const { db } = this.deps;
    const now = Date.now();
    if (now >= this.nextRenew) {
      const previous = this.view.status;
      this.view = await this.retry(() =>
        renewControllerLease(db, this.sweep.id, this.token, this.options.leaseMs),
      );
      this.nextRenew = now + this.options.leaseMs / 3;
      if (this.view.status !== previous) this.publishStatus(this.view.status);
    }
    this.tell(await this.retry(() => finishedTrials(db, this.sweep.id, [...this.open])));
    const ended = ENDED.has(this.view.status);
    if (now >= this.nextStaleCheck) {
      this.nextStaleCheck = now + Math.max(100, this.options.staleAfterMs / 4);
      await this.recoverStale(ended);
    }
    if (ended) {
      if (!this.queuedCancelled) {
        await this.retry(() =>
          cancelQueuedTrials(db, this.sweep.id, `the sweep is ${this.view.status}`),
        );
        this.queuedCancelled = true;
        this.tell(await this.retry(() => finishedTrials(db, this.sweep.id, [...this.open])));
      }
      if (this.open.size > 0) return false;
      await this.applyRetention(true);
      await this.saveState(true);
      await this.deps.redis.del(`${this.deps.prefix}:sweep:${this.sweep.id}:inbox`).catch(() => 0);
      return true;
    }
    if (now >= this.nextRequeue) {
      this.nextRequeue = now + this.options.requeueAfterMs;
      await this.requeueLostJobs();
    }
    await this.applyRetention(false);
    if (this.wallTimeOver()) return this.end('finished', 'max wall time reached');
    if (this.view.status === 'running') await this.allocate();
    if ((this.exhausted || this.allocated >= this.view.maxTrials) && this.open.size === 0) {
      return this.end('finished');
    }
    await this.saveState(false);
    return false;
  }

  private wallTimeOver(): boolean {
    const { maxWallTimeS, startedAt } = this.view;
    return (
      maxWallTimeS != null &&
      startedAt != null &&
      Date.now() - startedAt.getTime() >= maxWallTimeS * 1000
    );
  }

  /** Marks the sweep over; running trials stop at their next report, later rounds wait for them. */
  private async end(status: 'finished' | 'failed', reason?: string): Promise<boolean> {
    // With no trial left, retention runs before the status says the sweep is over.
    if (this.open.size === 0) await this.applyRetention(true);
    this.view = { ...this.view, status };
    const stored = await this.retry(() =>
      endSweep(this.deps.db, this.sweep.id, this.token, status, {
        tunerState: this.study.toJSON(),
        ...(status === 'failed' && reason ? { error: reason } : {}),
      }),
    );
    this.view.status = stored;
    this.stateDirty = false;
    if (reason) this.deps.log(`sweep ${this.sweep.id}: ${stored} (${reason})`);
    this.publishStatus(stored);
    return false;
  }

  private tell(finished: FinishedTrial[]): void {
    for (const t of finished) {
      const id = Number(t.tunerTrialId);
      if (!this.open.delete(t.tunerTrialId)) continue;
      // Every objective and bound of the sweep comes from the trial's final metrics.
      const told =
        t.state === 'completed' && t.value !== null && Number.isFinite(t.value)
          ? tellOf(this.spec, t.value, t.metrics)
          : null;
      if (told && 'result' in told) this.study.tell(id, told.result);
      else this.study.tell(id, { state: t.state === 'pruned' ? 'pruned' : 'failed' });
      this.stateDirty = true;
      this.retentionDue = true;
    }
  }

  /** Asks for as many trials as the budget and the concurrency limit allow, and enqueues them. */
  private async allocate(): Promise<void> {
    const want = Math.min(
      this.view.maxConcurrentTrials - this.open.size,
      this.view.maxTrials - this.allocated,
    );
    if (want <= 0 || this.exhausted) return;
    const asked: { params: unknown; tunerTrialId: string }[] = [];
    try {
      for (let i = 0; i < want; i++) {
        const t = this.study.ask();
        asked.push({ params: t.params, tunerTrialId: String(t.id) });
      }
    } catch (err) {
      if (!(err instanceof StudyExhaustedError)) throw err;
      this.exhausted = true;
    }
    if (asked.length === 0) return;
    const rows = await this.retry(() =>
      allocateTrials(this.deps.db, this.sweep.id, this.token, asked),
    );
    this.stateDirty = true;
    for (const r of rows) this.open.add(r.tunerTrialId);
    this.allocated += rows.length;
    await this.enqueue(rows.map((r) => ({ ...r, attempts: 0 })));
  }

  /**
   * The queue of this sweep's trials, or null while no live worker accepts its command: its trials
   * then stay queued in Postgres, and requeueLostJobs enqueues them once a worker that does appears.
   */
  private async queue(): Promise<TrialQueue | null> {
    const route = await this.deps.router.route(this.spec.workload);
    const waiting = 'waiting' in route ? route.waiting : null;
    if (waiting !== this.waiting)
      this.deps.log(`sweep ${this.sweep.id}: ${waiting ?? 'a worker accepts its trials now'}`);
    this.waiting = waiting;
    return 'queue' in route ? route.queue : null;
  }

  private async enqueue(trials: { id: string; number: number; attempts: number }[]): Promise<void> {
    if (trials.length === 0) return;
    const queue = await this.queue();
    if (!queue) return;
    await queue.addBulk(
      trials.map((t) => ({
        name: 'trial',
        data: { sweepId: this.sweep.id, trialId: t.id, number: t.number, attempt: t.attempts + 1 },
        opts: { jobId: trialJobId(t.id, t.attempts + 1) },
      })),
    );
    for (const t of trials) {
      this.deps.events.publish({
        type: 'trial.queued',
        sweepId: this.sweep.id,
        trialId: t.id,
        number: t.number,
        attempt: t.attempts + 1,
      });
    }
  }

  /**
   * Queued trials whose job is gone (Redis restarted) or ended without running them (the sweep was
   * paused, or its worker died before claiming it and BullMQ failed the stalled job): add the job
   * again. A job still waiting or active is left alone, so this is safe to repeat. A command
   * trial's job is looked for in the queue it would be routed to now: one left in the queue of
   * workers that are gone is added there again (the trial's claim lets only one job run it).
   */
  private async requeueLostJobs(): Promise<void> {
    const queue = await this.queue();
    if (!queue) return;
    const waiting = await this.retry(() =>
      queuedTrials(this.deps.db, this.sweep.id, this.options.requeueAfterMs),
    );
    const lost = await Promise.all(
      waiting.map(async (t) => {
        const jobId = trialJobId(t.id, t.attempts + 1);
        const state = await queue.getJobState(jobId);
        if (state === 'completed' || state === 'failed') await queue.remove(jobId);
        return ['unknown', 'completed', 'failed'].includes(state) ? [t] : [];
      }),
    );
    await this.enqueue(lost.flat());
  }

  private async recoverStale(ended: boolean): Promise<void> {
    // Heartbeats missed while Postgres was unreachable say nothing about the workers: staleness
    // counts from when it answers again.
    if (this.deps.reachability.reachableForMs() < this.options.staleAfterMs) return;
    const stale = await this.retry(() =>
      recoverStaleTrials(this.deps.db, this.sweep.id, {
        staleAfterMs: this.options.staleAfterMs,
        maxAttempts: this.options.maxAttempts,
        cancel: ended,
      }),
    );
    for (const t of stale) {
      this.deps.log(
        `sweep ${this.sweep.id}: trial ${t.number} lost its worker (attempt ${t.attempts}); now ${t.state}`,
      );
      this.deps.events.publish({
        type: 'trial.failed',
        sweepId: this.sweep.id,
        trialId: t.id,
        number: t.number,
        error: `the worker stopped sending heartbeats during attempt ${t.attempts}`,
        willRetry: t.state === 'queued',
      });
    }
    await this.enqueue(stale.filter((t) => t.state === 'queued'));
  }

  /** Feeds reports to the stopping rule; stores every stop and a sample of continues; answers. */
  private async answerReports(messages: ControllerMessage[]): Promise<void> {
    const reports = messages.filter((m): m is ReportMessage => m.type === 'report');
    if (reports.length === 0) return;
    const stored: StopDecisionInput[] = [];
    const replies = reports.map((r) => {
      const id = Number(r.tunerTrialId);
      if (!this.open.has(r.tunerTrialId) || r.value === null) {
        return {
          to: r.replyTo,
          reply: { requestId: r.requestId, stop: false, rule: 'none', reason: 'not judged' },
        };
      }
      this.study.report(id, r.step, r.value);
      const d = this.study.shouldStop(id);
      this.stateDirty = true;
      if (d.stop || r.step === 1 || r.step % CONTINUE_SAMPLE_EVERY === 0) {
        stored.push({
          trialId: r.trialId,
          step: r.step,
          rule: d.rule,
          decision: d.stop ? 'stop' : 'continue',
          value: d.value ?? r.value,
          threshold: d.threshold ?? null,
          rank: d.rank ?? null,
          peers: d.peers ?? null,
          reason: d.reason,
          requestId: r.requestId,
        });
      }
      return {
        to: r.replyTo,
        reply: { requestId: r.requestId, stop: d.stop, rule: d.rule, reason: d.reason },
      };
    });
    await this.retry(() => recordStopDecisions(this.deps.db, stored));
    await Promise.all(
      replies.map((r) =>
        replyStopDecision(this.deps.redis, this.deps.prefix, r.to, r.reply).catch(() => 0),
      ),
    );
  }

  /** Drops checkpoints the retention policy no longer keeps; once more when the sweep is over. */
  private async applyRetention(sweepEnded: boolean): Promise<void> {
    if (!sweepEnded && (!this.retentionDue || Date.now() < this.nextRetention)) return;
    this.retentionDue = false;
    this.nextRetention = Date.now() + RETENTION_EVERY_MS;
    await this.retry(() =>
      applyCheckpointRetention(this.deps.db, this.sweep.id, {
        keepBest: this.options.keepBestCheckpoints,
        sweepEnded,
        store: this.deps.checkpoints,
      }),
    );
  }

  private async saveState(force: boolean): Promise<void> {
    if (!this.stateDirty) return;
    if (!force && Date.now() - this.lastSave < this.options.saveStateEveryMs) return;
    await this.retry(() =>
      saveTunerState(this.deps.db, this.sweep.id, this.token, this.study.toJSON()),
    );
    this.lastSave = Date.now();
    this.stateDirty = false;
  }

  private publishStatus(status: string): void {
    this.deps.events.publish({ type: 'sweep.status', sweepId: this.sweep.id, status });
  }

  /** Database calls wait out a short Postgres outage, but not past the lease. */
  private retry<T>(fn: () => Promise<T>): Promise<T> {
    return this.deps.reachability.retry(fn, { retryForMs: this.options.leaseMs });
  }
}
