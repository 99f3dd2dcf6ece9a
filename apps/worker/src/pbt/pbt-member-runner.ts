// A PBT member on the platform: one trial of a `pbt` sweep, trained by the engine (in its worker
// thread, through the engine runner) one perturbation interval at a time. At each interval the
// member itself decides, under the sweep's Postgres lock, against the members that reached the same
// step: in the bottom quantile it copies a top member's checkpoint of that step through the
// database (so members on any machine can) with explored params, and the PbtEvent is stored with the
// copy. Members keep their checkpoints at perturbation steps for that. A member whose loss goes
// NaN/infinite is the worst member at once: it copies a top member at the newest step one can be
// copied at, and fails only when there is none. A retried member (its worker died) resumes from its
// last checkpoint with its params of then.
import {
  currentPbtParams,
  getDb,
  keepCheckpoint,
  pbtNewestSourceStep,
  pbtPeerScores,
  recordPbtExploit,
  withPbtLock,
  type Db,
  type PbtReason,
} from '@sweepwise/db';
import { validateConfig, withParams } from '@sweepwise/engine';
import { sweepSpecOf } from '@sweepwise/sweeps';
import { engineRunner } from '../runners/engine-runner.js';
import type { RunResult, TrialContext, TrialIO, TrialRunner } from '../runners/trial-runner.js';
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
export function pbtMemberRunner(db: Db = getDb()): TrialRunner {
  return {
    async run(ctx, io) {
      const sweep = await loadPbtSweep(db, ctx);
      const member = new PbtMember(db, sweep, ctx, io);
      return member.run();
    },
  };
}

async function loadPbtSweep(db: Db, ctx: TrialContext): Promise<PbtSweep> {
  const workload = ctx.sweep.workload;
  if (!('engine' in workload) || !workload.engine) {
    throw new Error('population-based training needs an engine workload');
  }
  const row = await db.sweep.findUniqueOrThrow({
    where: { id: ctx.sweep.id },
    select: { spec: true },
  });
  const { parameters, algorithm } = sweepSpecOf(row);
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
    private readonly db: Db,
    private readonly sweep: PbtSweep,
    private readonly ctx: TrialContext,
    private readonly io: TrialIO,
  ) {
    this.from = ctx.resumeFrom;
    this.step = ctx.resumeFrom?.step ?? 0;
  }

  async run(): Promise<RunResult> {
    const now = await currentPbtParams(this.db, this.ctx.trial.id);
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
  private async train(until: number): Promise<RunResult> {
    const base = this.sweep.base;
    const earlyStopping = { ...((base.earlyStopping as object) ?? {}), patience: null };
    const io: TrialIO = {
      report: (step, metrics) => this.io.report(step, metrics),
      checkpoint: async (step, data) => {
        await this.io.checkpoint(step, data);
        if (step % this.sweep.options.perturbationInterval === 0 && step < this.epochs) {
          await keepCheckpoint(this.db, this.ctx.trial.id, step);
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
    const { db, sweep, ctx } = this;
    const diverged = reason === 'diverged';
    const copy = await withPbtLock(db, sweep.id, async (tx) => {
      const at =
        step ?? (await pbtNewestSourceStep(tx, sweep.id, ctx.trial.id, sweep.metric, this.epochs));
      if (at === null) return null;
      const scored = await pbtPeerScores(tx, sweep.id, sweep.metric, at);
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
      const copied = await recordPbtExploit(tx, {
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
