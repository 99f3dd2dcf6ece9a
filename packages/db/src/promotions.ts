import { randomUUID } from 'node:crypto';
import { Prisma, type Sweep, type TestEvaluation, type Trial } from '@prisma/client';
import { z } from 'zod';
import type { Db } from './client.js';
import { NotFoundError } from './errors.js';
import { withDbRetry } from './retry.js';
import { specOf, type Direction } from './sweeps.js';

/**
 * Promotion: the one moment a sweep's held-out test set is used. A promotion retrains a trial's
 * configuration and evaluates it once on the test split; this module makes that happen at most
 * once per trial and numbers each use of the test set within the sweep.
 */

/** What the promoted model is retrained on: textbook practice is train+validation. */
export const TRAIN_ON = ['train+validation', 'train'] as const;
export type TrainOn = (typeof TRAIN_ON)[number];

/** How many epochs the retrain runs: all the trial ran, or the best epoch early stopping chose. */
export const EPOCH_CHOICES = ['trial', 'early-stopping'] as const;
export type EpochChoice = (typeof EPOCH_CHOICES)[number];

export const PROMOTION_DEFAULTS = {
  trainOn: 'train+validation',
  epochs: 'early-stopping',
  /** How long a request waits for another process' promotion of the same trial to end. */
  timeoutMs: 30 * 60_000,
  /**
   * A claim's lease, renewed every third of it while the retrain runs: a promotion whose process
   * died is taken over this long after its last renewal.
   */
  leaseMs: 60_000,
} as const;

/** How often a request waiting for another process' promotion of the same trial looks again. */
const CLAIM_POLL_MS = 250;

/** The body of a promote request (`POST /api/v1/sweeps/:id/promotions` and the queue job). */
export const promotionRequestSchema = z.object({
  sweepId: z.string().min(1),
  /** Omitted: the best completed trial by the sweep's objective and direction. */
  trialId: z.string().min(1).max(100).optional(),
  trainOn: z.enum(TRAIN_ON).default(PROMOTION_DEFAULTS.trainOn),
  epochs: z.enum(EPOCH_CHOICES).default(PROMOTION_DEFAULTS.epochs),
  requestedBy: z.string().trim().min(1).max(200),
});
export type PromotionRequest = z.input<typeof promotionRequestSchema>;

/** A promote request that cannot be served (no split, trial not completed...); the web maps it to 422. */
export class PromotionError extends Error {
  override readonly name = 'PromotionError';
  constructor(
    /** The request field at fault, e.g. `trialId`. */
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A test metric where only training and validation metrics may go; a bug in the caller. */
export class TestMetricLeakError extends Error {
  override readonly name = 'TestMetricLeakError';
}

// test_acc, test.loss, test/f1, test-mse: every spelling a workload might use for a test metric.
const TEST_METRIC_NAME = /^test[_./-]/i;

export function isTestMetricName(name: string): boolean {
  return TEST_METRIC_NAME.test(name);
}

/**
 * Refuses test metrics in a trial's metrics (a record, nested objects included) or in a list of
 * curve metric names. Test metrics exist only in TestEvaluation rows, written by a promotion;
 * every write of Trial.metrics and CurvePoint.metric goes through this first.
 */
export function assertNoTestMetrics(
  metrics: Readonly<Record<string, unknown>> | readonly string[] | null | undefined,
  field = 'metrics',
): void {
  if (metrics == null) return;
  const entries: [string, unknown][] = Array.isArray(metrics)
    ? metrics.map((name) => [name, undefined])
    : Object.entries(metrics);
  for (const [key, value] of entries) {
    if (isTestMetricName(key)) {
      throw new TestMetricLeakError(
        `${field}.${key}: test metrics are refused during a sweep; the test set is evaluated only by a promotion`,
      );
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      assertNoTestMetrics(value as Record<string, unknown>, `${field}.${key}`);
    }
  }
}

/**
 * The best of the given trials by the objective: finite values only, within the sweep's `bounds`
 * (an infeasible trial is never best), ties to the lower number.
 */
export function pickBestTrial<T extends Pick<Trial, 'number' | 'value'> & { metrics?: unknown }>(
  trials: readonly T[],
  direction: Direction,
  bounds: readonly MetricBound[] = [],
): T | undefined {
  const sign = direction === 'maximize' ? -1 : 1;
  let best: T | undefined;
  for (const trial of trials) {
    if (trial.value === null || !Number.isFinite(trial.value)) continue;
    if (!withinBounds(trial.metrics, bounds)) continue;
    const diff = best === undefined ? -1 : sign * (trial.value - best.value!);
    if (diff < 0 || (diff === 0 && trial.number < best!.number)) best = trial;
  }
  return best;
}

/** A sweep's constraint (its spec's `constraints`): a bound on one final metric. */
export interface MetricBound {
  metric: string;
  max?: number;
  min?: number;
}

/** Whether final `metrics` meet every bound; a missing or non-numeric metric meets none. */
export function withinBounds(metrics: unknown, bounds: readonly MetricBound[]): boolean {
  const m = (metrics ?? {}) as Record<string, unknown>;
  return bounds.every((b) => {
    const v = m[b.metric];
    if (typeof v !== 'number' || Number.isNaN(v)) return false;
    return (b.max === undefined || v <= b.max) && (b.min === undefined || v >= b.min);
  });
}

type Client = Db | Prisma.TransactionClient;

/**
 * The test set is touched at the end: a sweep still searching (or paused, or not started) could
 * be steered by a test score seen in between.
 */
export const PROMOTABLE_SWEEP_STATUSES: readonly Sweep['status'][] = [
  'finished',
  'cancelled',
  'failed',
];

export interface PromotionTarget {
  sweep: Sweep;
  trial: Trial;
}

/**
 * Why a sweep's completed trial may not be promoted (e.g. it is off the sweep's Pareto front), or
 * null; given the sweep's completed trials. What a sweep allows is the sweeps package's to say
 * (promotionRefusalOf), which this package cannot import.
 */
export type PromotionRefusal = (
  sweep: Sweep,
  trial: Trial,
  completed: readonly Pick<Trial, 'number' | 'value' | 'metrics'>[],
) => string | null;

/**
 * The sweep and trial a request promotes, or why it cannot: the sweep must have a fixed split and
 * the trial must be a completed trial of it that `refuse` does not refuse. Read-only, so the web
 * can answer 404/422 before queueing.
 */
export async function resolvePromotionTarget(
  db: Client,
  request: Pick<PromotionRequest, 'sweepId' | 'trialId'>,
  refuse?: PromotionRefusal,
): Promise<PromotionTarget> {
  const target = await findPromotionTarget(db, request);
  if (refuse) {
    const completed = await db.trial.findMany({
      where: { sweepId: target.sweep.id, state: 'completed' },
      select: { number: true, value: true, metrics: true },
    });
    const reason = refuse(target.sweep, target.trial, completed);
    if (reason !== null) throw new PromotionError('trialId', reason);
  }
  return target;
}

async function findPromotionTarget(
  db: Client,
  request: Pick<PromotionRequest, 'sweepId' | 'trialId'>,
): Promise<PromotionTarget> {
  const sweep = await db.sweep.findUnique({ where: { id: request.sweepId } });
  if (!sweep) throw new NotFoundError('sweep', request.sweepId);
  if (!PROMOTABLE_SWEEP_STATUSES.includes(sweep.status)) {
    throw new PromotionError(
      'sweepId',
      `the sweep is ${sweep.status}: promote once it has ended, so no test score can steer the search`,
    );
  }
  if (sweep.split === null) {
    throw new PromotionError(
      'sweepId',
      'the sweep has no fixed data split, so there is no held-out test set to evaluate on',
    );
  }
  if (request.trialId === undefined) {
    const trials = await db.trial.findMany({
      where: { sweepId: sweep.id, state: 'completed', value: { not: null } },
      select: { id: true, number: true, value: true, metrics: true },
    });
    const spec = specOf(sweep);
    const best = pickBestTrial(trials, spec.metric.goal, spec.constraints);
    if (!best) {
      throw new PromotionError(
        'trialId',
        'the sweep has no completed trial with a finite objective',
      );
    }
    return { sweep, trial: await db.trial.findUniqueOrThrow({ where: { id: best.id } }) };
  }
  const trial = await db.trial.findUnique({ where: { id: request.trialId } });
  if (!trial || trial.sweepId !== sweep.id) throw new NotFoundError('trial', request.trialId);
  if (trial.state !== 'completed') {
    throw new PromotionError(
      'trialId',
      `only a completed trial can be promoted, trial ${trial.number} is ${trial.state}`,
    );
  }
  return { sweep, trial };
}

/** What the evaluator is asked to do: one use of the test set, numbered within the sweep. */
export interface Promotion extends PromotionTarget {
  /** 1 for the sweep's first use of its test set, 2 for the second... */
  sequence: number;
  trainOn: TrainOn;
  epochs: EpochChoice;
  requestedBy: string;
}

/** What the evaluator returns: the row's content, stored as is. */
export interface PromotionResult {
  /** The configuration that was retrained (the sweep's base config with the trial's parameters). */
  config: Prisma.InputJsonValue;
  /** Test metrics, and any warning about them (e.g. validation far above test). */
  metrics: Prisma.InputJsonObject;
  /** Hash of the test indices the model was evaluated on; must equal the sweep's split's. */
  splitHash: string;
  /** Epochs the retrain ran. */
  epochs: number;
}

export type PromotionEvaluator = (promotion: Promotion) => Promise<PromotionResult>;

export interface PromotionOutcome {
  evaluation: TestEvaluation;
  /** False when the trial had been promoted already: the stored evaluation is returned as is. */
  created: boolean;
}

// Namespace of the advisory locks this module takes (any constant unlikely to collide).
const PROMOTION_LOCK_CLASS = 0x70726f6d; // 'prom'

/**
 * Serializes the claims and commits of one sweep's promotions (short transactions: the retrain
 * runs outside them). An advisory lock, not SELECT ... FOR UPDATE on the Sweep row, which would
 * stall the controller's writes to the sweep. Released when the transaction ends.
 */
async function lockSweepPromotions(tx: Prisma.TransactionClient, sweepId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PROMOTION_LOCK_CLASS}::int4, hashtext(${sweepId}))`;
}

/** This process' hold on a trial's promotion: the token fences it against a takeover. */
interface Claim extends PromotionTarget {
  sequence: number;
  token: string;
}

type ClaimAnswer =
  | { kind: 'stored'; evaluation: TestEvaluation }
  | { kind: 'claimed'; claim: Claim }
  /** Another process holds the trial's promotion until then (or renews it). */
  | { kind: 'held'; until: Date };

/**
 * Under the sweep's lock: the trial's stored evaluation, or a claim on it (numbered as the next use
 * of the test set, or taking over a claim whose holder stopped renewing it), or who holds it.
 */
function claimPromotion(
  db: Db,
  request: z.output<typeof promotionRequestSchema>,
  leaseMs: number,
  refuse: PromotionRefusal | undefined,
) {
  return db.$transaction(async (tx): Promise<ClaimAnswer> => {
    await lockSweepPromotions(tx, request.sweepId);
    const target = await resolvePromotionTarget(tx, request, refuse);
    const { sweep, trial } = target;
    const evaluation = await tx.testEvaluation.findUnique({ where: { trialId: trial.id } });
    if (evaluation) return { kind: 'stored', evaluation };
    const now = new Date();
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const held = await tx.promotionClaim.findUnique({ where: { trialId: trial.id } });
    if (held && held.leaseUntil > now) return { kind: 'held', until: held.leaseUntil };
    if (held) {
      await tx.promotionClaim.update({ where: { trialId: trial.id }, data: { token, leaseUntil } });
      return { kind: 'claimed', claim: { ...target, sequence: held.sequence, token } };
    }
    const uses = await tx.testEvaluation.aggregate({
      where: { sweepId: sweep.id },
      _max: { sequence: true },
    });
    // A claim whose holder died may have used the test set: its number stays taken.
    const claims = await tx.promotionClaim.aggregate({
      where: { sweepId: sweep.id },
      _max: { sequence: true },
    });
    const sequence = Math.max(uses._max.sequence ?? 0, claims._max.sequence ?? 0) + 1;
    await tx.promotionClaim.create({
      data: { trialId: trial.id, sweepId: sweep.id, sequence, token, leaseUntil },
    });
    return { kind: 'claimed', claim: { ...target, sequence, token } };
  });
}

/** Thrown when another process took the claim over (this one stopped renewing it): not stored. */
export class PromotionClaimLostError extends Error {
  override readonly name = 'PromotionClaimLostError';
}

/**
 * Stores the evaluation and marks the claim done, in one transaction, if the claim is still this
 * one's. Idempotent, so a retry after a lost acknowledgement returns the row the first try stored.
 */
function commitPromotion(
  db: Db,
  claim: Claim,
  request: z.output<typeof promotionRequestSchema>,
  result: PromotionResult,
) {
  return db.$transaction(async (tx): Promise<PromotionOutcome> => {
    await lockSweepPromotions(tx, claim.sweep.id);
    const held = await tx.promotionClaim.findUnique({ where: { trialId: claim.trial.id } });
    if (held?.token !== claim.token) {
      throw new PromotionClaimLostError(
        `trial ${claim.trial.number}'s promotion was taken over by another process; its evaluation is the one stored`,
      );
    }
    if (held.evaluationId !== null) {
      const evaluation = await tx.testEvaluation.findUniqueOrThrow({
        where: { id: held.evaluationId },
      });
      return { evaluation, created: true };
    }
    const evaluation = await tx.testEvaluation.create({
      data: {
        sweepId: claim.sweep.id,
        trialId: claim.trial.id,
        sequence: claim.sequence,
        config: result.config,
        metrics: result.metrics,
        splitHash: result.splitHash,
        trainedOn: request.trainOn,
        epochs: result.epochs,
        requestedBy: request.requestedBy,
      },
    });
    await tx.promotionClaim.update({
      where: { trialId: claim.trial.id },
      data: { evaluationId: evaluation.id },
    });
    return { evaluation, created: true };
  });
}

/** Gives the claim back after a failed retrain, so the next request is the same use of the test set. */
async function releaseClaim(db: Db, claim: Claim): Promise<void> {
  await withDbRetry(() =>
    db.promotionClaim.deleteMany({
      where: { trialId: claim.trial.id, token: claim.token, evaluationId: null },
    }),
  );
}

/** Keeps the claim's lease while the retrain runs; a renewal lost to an outage is tried again. */
function renewWhileRunning(db: Db, claim: Claim, leaseMs: number): () => void {
  const timer = setInterval(() => {
    db.promotionClaim
      .updateMany({
        where: { trialId: claim.trial.id, token: claim.token },
        data: { leaseUntil: new Date(Date.now() + leaseMs) },
      })
      .catch(() => undefined);
  }, leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Promotes a trial exactly once. A short transaction under the sweep's promotion lock returns the
 * trial's stored evaluation if there is one, else claims the trial and numbers this use of the
 * test set; `evaluate` (retrain + the single test evaluation) then runs outside any transaction,
 * holding the claim's lease, and a second short transaction stores the TestEvaluation if the
 * claim is still this one's. Postgres errors before and after the retrain are retried, never the
 * retrain. Two identical requests at once give one evaluation (the second waits, then returns
 * it); another trial of the same sweep gets the next sequence. The unique constraints on
 * (trialId) and (sweepId, sequence) back this up.
 */
export async function requestPromotion(
  db: Db,
  request: PromotionRequest,
  evaluate: PromotionEvaluator,
  options: { timeoutMs?: number; leaseMs?: number; refuse?: PromotionRefusal } = {},
): Promise<PromotionOutcome> {
  const parsed = promotionRequestSchema.parse(request);
  const leaseMs = options.leaseMs ?? PROMOTION_DEFAULTS.leaseMs;
  const deadline = Date.now() + (options.timeoutMs ?? PROMOTION_DEFAULTS.timeoutMs);
  let answer = await withDbRetry(() => claimPromotion(db, parsed, leaseMs, options.refuse));
  while (answer.kind === 'held') {
    if (Date.now() > deadline) {
      throw new Error(
        `another process is still promoting this trial (its claim runs until ${answer.until.toISOString()})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    answer = await withDbRetry(() => claimPromotion(db, parsed, leaseMs, options.refuse));
  }
  if (answer.kind === 'stored') return { evaluation: answer.evaluation, created: false };
  const { claim } = answer;
  const stopRenewing = renewWhileRunning(db, claim, leaseMs);
  let result: PromotionResult;
  try {
    result = await evaluate({
      sweep: claim.sweep,
      trial: claim.trial,
      sequence: claim.sequence,
      trainOn: parsed.trainOn,
      epochs: parsed.epochs,
      requestedBy: parsed.requestedBy,
    });
    assertSameSplit(claim.sweep, result.splitHash);
  } catch (err) {
    stopRenewing();
    await releaseClaim(db, claim);
    throw err;
  }
  try {
    return await withDbRetry(() => commitPromotion(db, claim, parsed, result));
  } finally {
    stopRenewing();
  }
}

/** An evaluation on other test samples than the sweep fixed would not be this sweep's test score. */
function assertSameSplit(sweep: Sweep, splitHash: string): void {
  const stored = (sweep.split as { testHash?: unknown } | null)?.testHash;
  if (typeof stored !== 'string' || stored !== splitHash) {
    throw new PromotionError(
      'split',
      `the evaluation used test split ${splitHash}, but the sweep fixed ${String(stored)}: not stored`,
    );
  }
}
