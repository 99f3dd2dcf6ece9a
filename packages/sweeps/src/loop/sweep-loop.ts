import {
  createStudy,
  loadStudy,
  StudyExhaustedError,
  type Params,
  type Study,
  type StudyJSON,
} from '@sweepwise/tuner';
import { maxFailedTrialsOf, type SweepSpec } from '../spec.js';
import { studyConfigOf, tellOf } from '../study-config.js';
import type {
  AllocatedTrial,
  AskedTrial,
  EndedTrial,
  StopDecisionRecord,
  StopReply,
  SweepLoopPorts,
  TrialReport,
} from './ports.js';

/** Continue decisions are stored for 1 report in this many (and for step 1): stops always are. */
export const CONTINUE_SAMPLE_EVERY = 10;

export type SweepBudget = SweepSpec['budget'];

/** A stored trial as a restarted loop reads it back (catchUp). */
export interface StoredTrialState {
  id: string;
  tunerTrialId: string | null;
  params: unknown;
  state: 'queued' | 'running' | EndedTrial['state'];
  value: number | null;
  metrics?: EndedTrial['metrics'];
  error?: string | null;
}

const NOT_JUDGED: StopReply = { stop: false, rule: 'none', reason: 'not judged' };

/**
 * The sweep loop, written once for the platform's controller and for `--in-memory` runs: asks the
 * tuner for configurations within the budget (maxTrials, maxConcurrentTrials, maxWallTimeS),
 * allocates and enqueues them through its ports, decides stops on reports (storing every stop and
 * a sample of continues), and tells the tuner how trials ended. It does no I/O of its own.
 */
export class SweepLoop {
  readonly study: Study;
  /** The budget in force; the platform's controller refreshes it from the stored sweep. */
  budget: SweepBudget;
  /** Tuner ids of the trials the study still sees as running. */
  private readonly open = new Set<string>();
  private allocated = 0;
  private exhausted = false;
  private failures = 0;
  private lastError: string | null = null;
  /** The study changed since the owner last saved it (markSaved). */
  dirty = false;

  constructor(
    private readonly spec: SweepSpec,
    private readonly ports: SweepLoopPorts,
    /** The study saved by an earlier run of this sweep, caught up with catchUp. */
    saved?: StudyJSON | null,
  ) {
    this.study = saved ? loadStudy(saved) : createStudy(studyConfigOf(spec));
    this.budget = spec.budget;
  }

  get openCount(): number {
    return this.open.size;
  }

  openTrials(): string[] {
    return [...this.open];
  }

  /** The tuner has no configuration left. */
  get isExhausted(): boolean {
    return this.exhausted;
  }

  /** No trial may be allocated any more and none is running: the sweep is over. */
  get done(): boolean {
    return (this.exhausted || this.allocated >= this.budget.maxTrials) && this.open.size === 0;
  }

  /**
   * Why the sweep fails, once budget.maxFailedTrials trials have failed (with the last one's
   * error); null until then. No trial is allocated after it.
   */
  get failedOut(): string | null {
    const max = maxFailedTrialsOf(this.budget);
    if (this.failures < max) return null;
    return `${this.failures} trials failed (budget.maxFailedTrials ${max}); the last: ${this.lastError ?? 'no reason given'}`;
  }

  /** Whether maxWallTimeS has passed since the sweep started (epoch ms; null: not started). */
  wallTimeOver(startedAtMs: number | null): boolean {
    const { maxWallTimeS } = this.budget;
    return (
      maxWallTimeS != null &&
      startedAtMs != null &&
      this.ports.clock.now() - startedAtMs >= maxWallTimeS * 1000
    );
  }

  markSaved(): void {
    this.dirty = false;
  }

  /** Asks for as many trials as the budget and the concurrency limit allow, stores and enqueues them. */
  async allocate(): Promise<AllocatedTrial[]> {
    const want = Math.min(
      this.budget.maxConcurrentTrials - this.open.size,
      this.budget.maxTrials - this.allocated,
    );
    if (want <= 0 || this.exhausted || this.failedOut) return [];
    const asked: AskedTrial[] = [];
    try {
      for (let i = 0; i < want; i++) {
        const t = this.study.ask();
        asked.push({ params: t.params, tunerTrialId: String(t.id) });
      }
    } catch (err) {
      if (!(err instanceof StudyExhaustedError)) throw err;
      this.exhausted = true;
    }
    if (asked.length === 0) return [];
    const rows = await this.ports.store.allocate(asked);
    this.dirty = true;
    for (const r of rows) this.open.add(r.tunerTrialId);
    this.allocated += rows.length;
    await this.ports.queue.enqueue(rows.map((r) => ({ id: r.id, number: r.number, attempts: 0 })));
    return rows;
  }

  /** Tells the tuner how open trials ended; the number told (others were told before). */
  tell(ended: readonly EndedTrial[]): number {
    let told = 0;
    for (const t of ended) {
      if (!this.open.delete(t.tunerTrialId)) continue;
      if (t.state === 'failed') {
        this.failures++;
        this.lastError = t.error ?? this.lastError;
      }
      const id = Number(t.tunerTrialId);
      // Every objective and bound of the sweep comes from the trial's final metrics.
      const result =
        t.state === 'completed' && t.value !== null && Number.isFinite(t.value)
          ? tellOf(this.spec, t.value, t.metrics ?? null)
          : null;
      if (result && 'result' in result) this.study.tell(id, result.result);
      else this.study.tell(id, { state: t.state === 'pruned' ? 'pruned' : 'failed' });
      told++;
    }
    if (told > 0) this.dirty = true;
    return told;
  }

  /**
   * Feeds reports to the stopping rule and answers each; stores every stop and a sample of
   * continues. A report of a trial that is not open, or without a value, is not judged.
   */
  async decide(reports: readonly TrialReport[]): Promise<StopReply[]> {
    const stored: StopDecisionRecord[] = [];
    const replies = reports.map((r): StopReply => {
      if (!this.open.has(r.tunerTrialId) || r.value === null) return NOT_JUDGED;
      const id = Number(r.tunerTrialId);
      this.study.report(id, r.step, r.value);
      const d = this.study.shouldStop(id);
      this.dirty = true;
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
          ...(r.requestId !== undefined ? { requestId: r.requestId } : {}),
        });
      }
      return { stop: d.stop, rule: d.rule, reason: d.reason };
    });
    if (stored.length > 0) await this.ports.store.recordStopDecisions(stored);
    return replies;
  }

  /**
   * After a restart the saved study may lag the stored trials: trials allocated since are added
   * to it (the returned rows get new tuner ids, to be stored), trials it sees running may have
   * ended (they are told); a running trial with no row was asked beyond what an allocation
   * could insert, and fails. Reports it never heard are replayed with `replay`.
   */
  catchUp(rows: StoredTrialState[]): { id: string; tunerTrialId: string }[] {
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
    this.dirty = renamed.length > 0;
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
          : [
              {
                tunerTrialId: r.tunerTrialId,
                state: r.state,
                value: r.value,
                metrics: r.metrics,
                error: r.error,
              },
            ],
      ),
    );
    // Every stored failure counts, told before the restart or just now.
    const failed = rows.filter((r) => r.state === 'failed');
    this.failures = failed.length;
    this.lastError = failed.findLast((r) => r.error)?.error ?? null;
    return renamed;
  }

  /** A stored report of an open trial the saved study never heard (reports of a step replace each other). */
  replay(tunerTrialId: string, step: number, value: number): void {
    if (this.open.has(tunerTrialId)) this.study.report(Number(tunerTrialId), step, value);
  }
}
