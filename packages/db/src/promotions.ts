import { Prisma, type Sweep, type TestEvaluation, type Trial } from '@prisma/client';
import { z } from 'zod';
import type { Db } from './client.js';
import { NotFoundError } from './errors.js';
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
  /** The retrain runs inside the promotion's transaction; longer than any sensible retrain. */
  timeoutMs: 30 * 60_000,
} as const;

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

/** The best of the given trials by the objective: finite values only, ties to the lower number. */
export function pickBestTrial<T extends Pick<Trial, 'number' | 'value'>>(
  trials: readonly T[],
  direction: Direction,
): T | undefined {
  const sign = direction === 'maximize' ? -1 : 1;
  let best: T | undefined;
  for (const trial of trials) {
    if (trial.value === null || !Number.isFinite(trial.value)) continue;
    const diff = best === undefined ? -1 : sign * (trial.value - best.value!);
    if (diff < 0 || (diff === 0 && trial.number < best!.number)) best = trial;
  }
  return best;
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
 * The sweep and trial a request promotes, or why it cannot: the sweep must have a fixed split and
 * the trial must be a completed trial of it. Read-only, so the web can answer 404/422 before queueing.
 */
export async function resolvePromotionTarget(
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
      select: { id: true, number: true, value: true },
    });
    const best = pickBestTrial(trials, specOf(sweep).metric.goal);
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
 * Serializes the promotions of one sweep. An advisory lock, not SELECT ... FOR UPDATE on the Sweep
 * row: the retrain runs while it is held, and a row lock would stall the controller's writes to
 * the sweep (lease renewals, tuner state) for that long. Released when the transaction ends,
 * also when the process dies, so a crashed promotion leaves nothing half-made.
 */
async function lockSweepPromotions(tx: Prisma.TransactionClient, sweepId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PROMOTION_LOCK_CLASS}::int4, hashtext(${sweepId}))`;
}

/**
 * Promotes a trial exactly once: under the sweep's promotion lock it returns the trial's stored
 * evaluation if there is one, else numbers this use of the test set, calls `evaluate` (retrain +
 * the single test evaluation) and stores the TestEvaluation. Two identical requests at once give
 * one evaluation (the second waits, then returns it); another trial of the same sweep gets the
 * next sequence. The unique constraints on (trialId) and (sweepId, sequence) back this up.
 */
export async function requestPromotion(
  db: Db,
  request: PromotionRequest,
  evaluate: PromotionEvaluator,
  options: { timeoutMs?: number } = {},
): Promise<PromotionOutcome> {
  const parsed = promotionRequestSchema.parse(request);
  return db.$transaction(
    async (tx) => {
      await lockSweepPromotions(tx, parsed.sweepId);
      const { sweep, trial } = await resolvePromotionTarget(tx, parsed);
      const existing = await tx.testEvaluation.findUnique({ where: { trialId: trial.id } });
      if (existing) return { evaluation: existing, created: false };
      const uses = await tx.testEvaluation.aggregate({
        where: { sweepId: sweep.id },
        _max: { sequence: true },
      });
      const sequence = (uses._max.sequence ?? 0) + 1;
      const result = await evaluate({
        sweep,
        trial,
        sequence,
        trainOn: parsed.trainOn,
        epochs: parsed.epochs,
        requestedBy: parsed.requestedBy,
      });
      assertSameSplit(sweep, result.splitHash);
      const evaluation = await tx.testEvaluation.create({
        data: {
          sweepId: sweep.id,
          trialId: trial.id,
          sequence,
          config: result.config,
          metrics: result.metrics,
          splitHash: result.splitHash,
          trainedOn: parsed.trainOn,
          epochs: result.epochs,
          requestedBy: parsed.requestedBy,
        },
      });
      return { evaluation, created: true };
    },
    { timeout: options.timeoutMs ?? PROMOTION_DEFAULTS.timeoutMs },
  );
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
