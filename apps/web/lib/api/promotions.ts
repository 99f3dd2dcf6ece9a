import {
  getDb,
  promotionRequestSchema,
  resolvePromotionTarget,
  type PromotionRequest,
} from '@sweepwise/db';
import { requestPromotionJob } from '@sweepwise/queue';
import { promotionRefusalOf } from '@sweepwise/sweeps';
import { z } from 'zod';
import { ApiError } from './errors';
import { getRedis, redisPrefix } from '../redis';

/** A promote request's body; the sweep (and, for /trials/:id/promote, the trial) come from the path. */
export const promoteBodySchema = promotionRequestSchema.omit({ sweepId: true }).extend({
  requestedBy: z.string().trim().min(1).max(200).default('dashboard'),
});

/** How long a request waits for the retrain before answering 202 (the evaluation lands later). */
const PROMOTION_WAIT_MS = 60_000;

/**
 * Promotes a trial: checks the request against the sweep (ended, fixed split, completed trial
 * within the constraints and, with several objectives, on the Pareto front: 404/422 naming the
 * field before anything runs), answers a trial promoted before with its stored evaluation, and
 * otherwise hands the retrain to the workers' promotion queue and waits for it. The database, not
 * the queue, keeps it exactly-once: two identical requests give one evaluation.
 */
export async function promote(request: PromotionRequest) {
  const db = getDb();
  const { trial } = await resolvePromotionTarget(db, request, promotionRefusalOf);
  const existing = await db.testEvaluation.findUnique({ where: { trialId: trial.id } });
  if (existing) return Response.json({ evaluation: existing, created: false }, { status: 200 });
  const parsed = promotionRequestSchema.parse({ ...request, trialId: trial.id });
  const outcome = await requestPromotionJob(getRedis(), redisPrefix(), parsed, PROMOTION_WAIT_MS);
  if (outcome.state === 'running') {
    return Response.json(
      { status: 'running', jobId: outcome.jobId, trialId: trial.id },
      { status: 202 },
    );
  }
  if (outcome.state === 'failed') {
    throw new ApiError(422, 'promotion_failed', outcome.error.replace(/^\w+Error: /, ''));
  }
  const evaluation = await db.testEvaluation.findUniqueOrThrow({
    where: { id: outcome.result.evaluationId },
  });
  return Response.json(
    { evaluation, created: outcome.result.created },
    { status: outcome.result.created ? 201 : 200 },
  );
}
