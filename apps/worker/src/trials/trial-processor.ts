import type { Job } from 'bullmq';
import type { Log } from '../logger.js';
import type { Redis } from 'ioredis';
import {
  latestCheckpoint,
  releaseTrial,
  saveCheckpoint,
  withDbRetry,
  type CheckpointStore,
  type ClaimedTrial,
  type CurveBuffer,
  type Db,
  type TrialClaimer,
  type TrialFinish,
  type TrialFinisher,
} from '@sweepwise/db';
import {
  acceptsProgram,
  sendToController,
  type WorkerCapabilities,
  type SweepEventPublisher,
  type TrialJobData,
  type TrialJobResult,
} from '@sweepwise/queue';
import {
  describeError,
  pbtMemberRunner,
  runnerFor,
  setLongTimeout,
  trialThreads,
  type TrialIO,
  type TrialOutcome,
  type TrialSweep,
} from '@sweepwise/runners';
import { postgresPbtStore } from '../pbt/pbt-store.js';
import { CurveCounter, type CurveCaps } from './curve-caps.js';
import type { DecisionClient } from './decision-client.js';
import type { Heartbeats } from './heartbeats.js';
import type { SweepCache } from './sweep-cache.js';
import type { TrialSlots } from './trial-slots.js';

/** Why a trial stopped before its runner finished. */
type StopCause =
  | { kind: 'pruned'; step: number; reason: string }
  | { kind: 'cancelled'; reason: string }
  /** Shutdown: hand the trial back, its attempt not spent. */
  | { kind: 'released' }
  /** Another worker holds the trial now: write nothing more. */
  | { kind: 'lost' };

const ENDED_SWEEP = new Set(['cancelled', 'finished', 'failed']);

export interface TrialProcessorDeps {
  db: Db;
  /** What this worker accepts: a command trial it does not is never claimed here. */
  capabilities: WorkerCapabilities;
  redis: Redis;
  prefix: string;
  workerId: string;
  curves: CurveBuffer;
  /** Claims trials, those of jobs starting in the same tick in one statement. */
  claimer: TrialClaimer;
  /** Ends trials, after their points are stored (it flushes `curves`). */
  finisher: TrialFinisher;
  events: SweepEventPublisher;
  decisions: DecisionClient;
  sweeps: SweepCache;
  heartbeats: Heartbeats;
  /** The worker's trial slots; a trial takes one per thread it trains on. */
  slots: TrialSlots;
  /** Least time between two stored checkpoints of a trial (see WorkerOptions). */
  checkpointIntervalMs: number;
  /** Where checkpoints go (null: inline in Postgres); PBT members' stay inline. */
  checkpoints: CheckpointStore | null;
  curveCaps: CurveCaps;
  log: Log;
}

/**
 * Runs trial jobs: claims the trial in the database (so a duplicate job runs nothing), runs its
 * workload with reports streamed to Postgres and judged by the stopping rule, and records how it
 * ended. Retries belong to the controller, which sees the heartbeats stop.
 */
export class TrialProcessor {
  private readonly running = new Map<string, TrialRunState>();
  private shuttingDown = false;
  private readonly wakes = new Set<string>();

  constructor(private readonly deps: TrialProcessorDeps) {}

  readonly process = async (job: Job<TrialJobData>): Promise<TrialJobResult> => {
    const sweep = await this.deps.sweeps.spec(job.data.sweepId);
    // Command queues reach only workers that accept them; a job found elsewhere (one routed
    // before this worker's registration changed) is left unclaimed: the controller routes it anew.
    const command = 'command' in sweep.workload ? sweep.workload.command : null;
    if (command && !acceptsProgram(this.deps.capabilities, command.program)) {
      this.deps.log(`trial ${job.data.number}: not running ${command.program} here (not allowed)`, {
        sweepId: job.data.sweepId,
        trialId: job.data.trialId,
        level: 'warn',
      });
      return { outcome: 'skipped' };
    }
    // Slots are taken before the claim: a trial waiting for them is still queued, not running.
    const release = await this.deps.slots.acquire(await this.threadsOf(sweep, job.data));
    if (!release) return { outcome: 'skipped' };
    try {
      return await this.processClaimed(job, sweep);
    } finally {
      release();
    }
  };

  /**
   * Threads the trial trains on (an engine trial's parallel.workers, which its params may set).
   * A trial wider than the worker takes every slot and runs alone, on more threads than cores:
   * refusing it would fail a trial that a sync run trains to the same result on fewer cores.
   */
  private async threadsOf(sweep: TrialSweep, job: TrialJobData): Promise<number> {
    if (!('engine' in sweep.workload) || !sweep.workload.engine) return 1;
    const trial = await withDbRetry(() =>
      this.deps.db.trial.findUnique({ where: { id: job.trialId }, select: { params: true } }),
    );
    const threads = trial
      ? trialThreads(sweep.workload, trial.params as Record<string, unknown>)
      : 1;
    const { capacity } = this.deps.slots;
    if (threads > capacity) {
      this.deps.log(
        `trial ${job.number} trains on ${threads} threads, more than this worker's ${capacity} trial slots: it runs alone`,
        { sweepId: job.sweepId, trialId: job.trialId },
      );
    }
    return threads;
  }

  private async processClaimed(job: Job<TrialJobData>, sweep: TrialSweep): Promise<TrialJobResult> {
    const { workerId } = this.deps;
    const claimed = await this.deps.claimer.claim(job.data.trialId, workerId, job.data.attempt);
    if (!claimed) return { outcome: 'skipped' };
    const state = new TrialRunState();
    if (this.shuttingDown) state.stop({ kind: 'released' });
    this.running.set(claimed.id, state);
    this.deps.heartbeats.track(claimed.id, () => state.stop({ kind: 'lost' }, true));
    // The wall-time budget holds to the moment, not to the trial's next report.
    const wallTime = sweep.wallTime;
    const deadline =
      wallTime &&
      setLongTimeout(
        () =>
          state.stop(
            { kind: 'cancelled', reason: `the sweep's max wall time (${wallTime.maxS} s) ran out` },
            true,
          ),
        wallTime.endsAt - Date.now(),
      );
    this.deps.events.publish({
      type: 'trial.started',
      sweepId: sweep.id,
      trialId: claimed.id,
      number: claimed.number,
      attempt: claimed.attempts,
      workerId,
    });
    try {
      const result = await this.runTrial(sweep, claimed, state);
      return await this.record(sweep, claimed, state, result);
    } finally {
      deadline?.clear();
      this.deps.heartbeats.untrack(claimed.id);
      this.running.delete(claimed.id);
    }
  }

  /** Running trials stop at their next report and are handed back; `abort` stops them now. */
  shutdown(abort = false): void {
    this.shuttingDown = true;
    this.deps.slots.close();
    for (const state of this.running.values()) state.stop({ kind: 'released' }, abort);
  }

  private async runTrial(
    sweep: TrialSweep,
    trial: ClaimedTrial,
    state: TrialRunState,
  ): Promise<TrialOutcome> {
    const { db } = this.deps;
    try {
      const resumeFrom =
        trial.attempts > 1
          ? await withDbRetry(() => latestCheckpoint(db, trial.id, this.deps.checkpoints))
          : null;
      const io = this.trialIO(sweep, trial, state);
      const runner =
        sweep.algorithm === 'pbt'
          ? pbtMemberRunner(postgresPbtStore(db))
          : runnerFor(sweep.workload);
      return await runner.run(
        {
          sweep,
          trial: {
            id: trial.id,
            number: trial.number,
            params: trial.params,
            attempt: trial.attempts,
          },
          resumeFrom,
          signal: state.abort.signal,
        },
        io,
      );
    } catch (err) {
      return { status: 'failed', value: null, metrics: {}, error: describeError(err) };
    }
  }

  private trialIO(sweep: TrialSweep, trial: ClaimedTrial, state: TrialRunState): TrialIO {
    const { curves, events, decisions, sweeps, db } = this.deps;
    return {
      report: async (step, metrics) => {
        if (state.cause?.kind === 'lost') return 'stop';
        // Thrown, the runner fails the trial with this message (nothing past the cap is stored).
        state.curves.count(step, metrics, this.deps.curveCaps);
        await curves.add(
          Object.entries(metrics).map(([metric, value]) => ({
            trialId: trial.id,
            metric,
            step,
            value,
          })),
        );
        events.publish({
          type: 'trial.reported',
          sweepId: sweep.id,
          trialId: trial.id,
          number: trial.number,
          step,
          metrics,
        });
        const objective = metrics[sweep.objectiveMetric];
        if (objective !== undefined) state.lastValue = objective;
        if (state.cause) return 'stop';
        const status = await sweeps.status(sweep.id);
        if (ENDED_SWEEP.has(status)) {
          state.stop({ kind: 'cancelled', reason: `the sweep is ${status}` });
          return 'stop';
        }
        if (sweep.hasStopper && objective !== undefined) {
          const reply = await decisions.ask(sweep.id, {
            trialId: trial.id,
            tunerTrialId: trial.tunerTrialId ?? '',
            step,
            value: objective,
          });
          if (reply?.stop) state.stop({ kind: 'pruned', step, reason: reply.reason });
        }
        return state.cause ? 'stop' : 'continue';
      },
      checkpoint: async (step, data) => {
        if (state.cause?.kind === 'lost') return;
        // PBT members copy each other's checkpoints at perturbation steps: they store them all.
        const due = Date.now() - state.checkpointedAt >= this.deps.checkpointIntervalMs;
        if (!due && sweep.algorithm !== 'pbt') return;
        await curves.flush();
        // PBT members copy each other's checkpoints inside one transaction: theirs stay inline.
        const store = sweep.algorithm === 'pbt' ? null : this.deps.checkpoints;
        await withDbRetry(() => saveCheckpoint(db, trial.id, step, data, store));
        state.checkpointedAt = Date.now();
      },
    };
  }

  /** Stores how the trial ended and tells the controller to look. */
  private async record(
    sweep: TrialSweep,
    trial: ClaimedTrial,
    state: TrialRunState,
    result: TrialOutcome,
  ): Promise<TrialJobResult> {
    const { db, workerId, events } = this.deps;
    const base = { sweepId: sweep.id, trialId: trial.id, number: trial.number };
    const cause = state.cause;
    if (cause?.kind === 'lost') return { outcome: 'lost' };
    if (cause?.kind === 'released' && result.status !== 'completed') {
      await this.deps.curves.flush();
      await withDbRetry(() => releaseTrial(db, trial.id, workerId, trial.attempts));
      this.wakeController(sweep.id);
      return { outcome: 'released' };
    }
    const outcome = toOutcome(result, cause, state.lastValue);
    const held = await this.deps.finisher.finish(trial.id, workerId, trial.attempts, outcome);
    if (!held) return { outcome: 'lost' };
    if (outcome.state === 'completed')
      events.publish({ ...base, type: 'trial.completed', value: outcome.value ?? null });
    else if (outcome.state === 'pruned')
      events.publish({
        ...base,
        type: 'trial.pruned',
        step: outcome.stoppedAt ?? null,
        reason: outcome.stopReason ?? '',
      });
    else if (outcome.state === 'cancelled')
      events.publish({ ...base, type: 'trial.cancelled', reason: outcome.stopReason ?? '' });
    else
      events.publish({
        ...base,
        type: 'trial.failed',
        error: outcome.error ?? '',
        willRetry: false,
      });
    this.wakeController(sweep.id);
    return { outcome: outcome.state };
  }

  /**
   * Tells the sweeps' controllers to look at the database, once per tick however many trials
   * ended in it. A lost wake-up only delays: controllers also look on their own.
   */
  private wakeController(sweepId: string): void {
    const scheduled = this.wakes.size > 0;
    this.wakes.add(sweepId);
    if (scheduled) return;
    setImmediate(() => {
      const sweeps = [...this.wakes];
      this.wakes.clear();
      for (const id of sweeps) {
        void sendToController(this.deps.redis, this.deps.prefix, id, { type: 'wake' }).catch(
          () => 0,
        );
      }
    });
  }
}

class TrialRunState {
  cause: StopCause | null = null;
  readonly curves = new CurveCounter();
  lastValue: number | null = null;
  /** When the trial last stored a checkpoint; its start before the first. */
  checkpointedAt = Date.now();
  readonly abort = new AbortController();

  /** The first cause wins, except that losing the trial overrides everything. */
  stop(cause: StopCause, abortNow = false): void {
    if (!this.cause || cause.kind === 'lost') this.cause = cause;
    if (abortNow) this.abort.abort();
  }
}

function toOutcome(
  result: TrialOutcome,
  cause: StopCause | null,
  lastValue: number | null,
): TrialFinish['outcome'] {
  // A cancel may abort the runner mid-step, which then fails with "aborted": the cancel is the cause.
  if (cause?.kind === 'cancelled' && result.status !== 'completed') {
    return {
      state: 'cancelled',
      value: result.value ?? lastValue,
      metrics: result.metrics,
      stopReason: cause.reason,
    };
  }
  if (result.status === 'failed') {
    return { state: 'failed', error: result.error ?? 'failed', metrics: result.metrics };
  }
  if (result.status === 'stopped' && cause?.kind === 'pruned') {
    return {
      state: 'pruned',
      value: result.value ?? lastValue,
      metrics: result.metrics,
      stoppedAt: cause.step,
      stopReason: cause.reason,
    };
  }
  return { state: 'completed', value: result.value, metrics: result.metrics };
}
