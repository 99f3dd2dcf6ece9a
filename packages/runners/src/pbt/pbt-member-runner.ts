// A PBT member: one trial of a `pbt` sweep, trained by the engine (in its worker thread, through
// the engine runner) one perturbation interval at a time. At each interval the member itself
// decides, under the sweep's lock (the store's: Postgres on the platform), against the members that
// reached the same step: in the bottom quantile it copies a top member's checkpoint of that step
// through the store (so members on any machine can) with explored params, and the PbtEvent is
// stored with the copy. Members keep their checkpoints at perturbation steps for that. A member whose loss goes
// NaN/infinite is the worst member at once: it copies a top member at the newest step one can be
// copied at, and fails only when there is none. A retried member (its worker died) resumes from its
// last checkpoint with its params of then.
import { validateConfig, withParams } from '@sweepwise/engine';
import {
  exploitExplore,
  pbtOptions,
  Rng,
  validateSpace,
  type Direction,
  type Params,
  type PbtOptions,
  type Space,
} from '@sweepwise/tuner';
import { engineRunner } from '../engine/engine-runner.js';
import type { TrialContext, TrialIO, TrialOutcome, TrialRunner } from '../trial-runner.js';

export type PbtReason = 'bottom-quantile' | 'diverged';

/** A member that reached a step, with its score there and its params of then. */
export interface PbtPeerScore {
  trialId: string;
  number: number;
  params: Record<string, unknown>;
  value: number;
}

/** A copy of `sourceId`'s checkpoint at `step` into `trialId`, with explored params. */
export interface PbtExploit {
  sweepId: string;
  /** The step the decision was made at. */
  step: number;
  trialId: string;
  sourceId: string;
  oldParams: Record<string, unknown>;
  newParams: Record<string, unknown>;
  reason: PbtReason;
}

/** What a member reads and writes while it holds the sweep's lock. */
export interface PbtLockedStore {
  /** The newest step before `before` at which another member has a checkpoint and a score. */
  newestSourceStep(
    sweepId: string,
    trialId: string,
    metric: string,
    before: number,
  ): Promise<number | null>;
  /** The members with a checkpoint and a score at `step`. */
  peerScores(sweepId: string, metric: string, step: number): Promise<PbtPeerScore[]>;
  /** Stores the event with the copied checkpoint; null when the source's is gone. */
  recordExploit(input: PbtExploit): Promise<{ step: number; data: Uint8Array } | null>;
}

/** Where PBT members meet (the platform's: Postgres, in apps/worker). */
export interface PbtMemberStore {
  /** The member's params now (after its last copy) and the step they were set at (0: its first). */
  currentParams(trialId: string): Promise<{ params: Record<string, unknown>; step: number }>;
  /** Keeps the member's checkpoint of `step` for the members that copy at that step. */
  keepCheckpoint(trialId: string, step: number): Promise<unknown>;
  /** Runs `fn` under the sweep's lock, one member at a time. */
  withLock<T>(sweepId: string, fn: (store: PbtLockedStore) => Promise<T>): Promise<T>;
}

interface PbtSweep {
  id: string;
  space: Space;
  options: PbtOptions;
  direction: Direction;
  metric: string;
  seed: number;
  base: Record<string, unknown>;
}

type Resume = { step: number; data: Uint8Array } | null;

/** The runner of `pbt` sweeps with an engine workload. */
export function pbtMemberRunner(store: PbtMemberStore): TrialRunner {
  return {
    run(ctx, io) {
      return new PbtMember(store, pbtSweepOf(ctx), ctx, io).run();
    },
  };
}

function pbtSweepOf(ctx: TrialContext): PbtSweep {
  const workload = ctx.sweep.workload;
  if (!('engine' in workload) || !workload.engine) {
    throw new Error('population-based training needs an engine workload');
  }
  const { parameters, algorithm } = ctx.sweep.spec;
  const { type: _type, seed = 0, ...settings } = algorithm;
  return {
    id: ctx.sweep.id,
    space: validateSpace(parameters),
    options: pbtOptions(settings),
    direction: ctx.sweep.direction,
    metric: ctx.sweep.objectiveMetric,
    seed: Number(seed),
    base: workload.engine,
  };
}

class PbtMember {
  private params: Params = {};
  private from: Resume;
  private step: number;
  /** The member's last epoch (the sweep's, with the member's first params). */
  private epochs = 0;
  /** The last step an exploit/explore decision was made at (or a copy landed at). */
  private decidedAt = 0;
  /** Where the last copy after a divergence landed: diverging again from there fails. */
  private divergedCopyAt: number | null = null;
  private divergedCopies = 0;

  constructor(
    private readonly store: PbtMemberStore,
    private readonly sweep: PbtSweep,
    private readonly ctx: TrialContext,
    private readonly io: TrialIO,
  ) {
    this.from = ctx.resumeFrom;
    this.step = ctx.resumeFrom?.step ?? 0;
  }

  async run(): Promise<TrialOutcome> {
    const now = await this.store.currentParams(this.ctx.trial.id);
    this.params = now.params as Params;
    this.decidedAt = now.step;
    const epochs = validateConfig(withParams(this.sweep.base, this.params)).epochs;
    this.epochs = epochs;
    const interval = this.sweep.options.perturbationInterval;
    for (;;) {
      // Also on a retry that resumes at a step whose decision was never made.
      if (this.step > 0 && this.step < epochs && this.step % interval === 0) {
        if (this.decidedAt !== this.step) {
          this.decidedAt = this.step;
          await this.decide(this.step, 'bottom-quantile');
        }
      }
      const until = Math.max(
        this.step,
        Math.min(epochs, (Math.floor(this.step / interval) + 1) * interval),
      );
      const result = await this.train(until);
      if (result.status === 'failed' && result.metrics.status === 'diverged') {
        const failure = await this.copyAfterDivergence();
        if (failure) return { ...result, error: `${result.error}; ${failure}` };
        continue;
      }
      if (result.status !== 'completed' || until >= epochs) return result;
    }
  }

  /**
   * Trains from `from` to epoch `until` with the current params; `from` follows each checkpoint,
   * and the one at a perturbation step is kept for the members that decide there.
   */
  private async train(until: number): Promise<TrialOutcome> {
    const base = this.sweep.base;
    const earlyStopping = { ...((base.earlyStopping as object) ?? {}), patience: null };
    const io: TrialIO = {
      report: (step, metrics) => this.io.report(step, metrics),
      checkpoint: async (step, data) => {
        await this.io.checkpoint?.(step, data);
        if (step % this.sweep.options.perturbationInterval === 0 && step < this.epochs) {
          await this.store.keepCheckpoint(this.ctx.trial.id, step);
        }
        this.from = { step, data };
        this.step = step;
      },
    };
    return engineRunner.run(
      {
        ...this.ctx,
        sweep: {
          ...this.ctx.sweep,
          workload: {
            engine: {
              ...base,
              // Members differ in their initialization too (Jaderberg et al. 2017).
              seed: Number(base.seed ?? 1) + this.ctx.trial.number,
              epochs: until,
              // PBT decides who goes on; the engine must not stop a member on its own.
              earlyStopping,
            },
          },
        },
        trial: { ...this.ctx.trial, params: this.params },
        resumeFrom: this.from,
      },
      io,
    );
  }

  /**
   * After a divergence: the member is the worst of the population (a NaN score ranks last) and
   * copies a top member at the newest step before its last epoch one can be copied at (so it
   * still trains after the copy). The reason it cannot, else null.
   */
  private async copyAfterDivergence(): Promise<string | null> {
    if (this.divergedCopyAt === this.step) {
      return `diverged again before an epoch passed since it copied at step ${this.step}`;
    }
    this.divergedCopies++;
    const copied = await this.decide(null, 'diverged');
    if (!copied) return 'no other member has a checkpoint to copy';
    this.divergedCopyAt = this.step;
    return null;
  }

  /**
   * Exploit/explore against the peers at `step` (null: the newest step before the last epoch
   * another member can be copied at), under the sweep's lock; a diverged member takes part with a
   * NaN score. Applies the copy and says whether there was one.
   */
  private async decide(step: number | null, reason: PbtReason): Promise<boolean> {
    const { sweep, ctx } = this;
    const diverged = reason === 'diverged';
    const copy = await this.store.withLock(sweep.id, async (tx) => {
      const at =
        step ?? (await tx.newestSourceStep(sweep.id, ctx.trial.id, sweep.metric, this.epochs));
      if (at === null) return null;
      const scored = await tx.peerScores(sweep.id, sweep.metric, at);
      const peers = scored
        .filter((p) => !diverged || p.trialId !== ctx.trial.id)
        .map((p) => ({ id: p.number, params: p.params as Params, score: p.value }));
      if (diverged) peers.push({ id: ctx.trial.number, params: this.params, score: NaN });
      if (!peers.some((p) => p.id === ctx.trial.number)) return null;
      const decision = exploitExplore({
        space: sweep.space,
        options: sweep.options,
        direction: sweep.direction,
        step: at,
        memberId: ctx.trial.number,
        peers,
        // One stream per sweep, member, step and divergence: a retried decision draws the same
        // numbers, a repeated divergence new ones.
        rng: Rng.fromSeed(
          ((sweep.seed % 1_000_003) * 65_537 + ctx.trial.number) * 4_099 +
            at +
            (diverged ? this.divergedCopies * 7_919 : 0),
        ),
      });
      if (!decision.exploit) return null;
      const source = scored.find((p) => p.number === decision.event.sourceId)!;
      const copied = await tx.recordExploit({
        sweepId: sweep.id,
        step: at,
        trialId: ctx.trial.id,
        sourceId: source.trialId,
        oldParams: this.params,
        newParams: decision.event.newParams,
        reason,
      });
      return copied && { ...copied, params: decision.event.newParams };
    });
    if (!copy) return false;
    this.params = copy.params;
    this.from = { step: copy.step, data: copy.data };
    this.step = copy.step;
    this.decidedAt = copy.step;
    return true;
  }
}
