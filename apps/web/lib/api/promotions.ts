import {
  getDb,
  promotionRequestSchema,
  resolvePromotionTarget,
  type PromotionRequest,
} from '@sweepwise/db';
import { z } from 'zod';
import { ApiError } from './errors';

/** A promote request's body; the sweep (and, for /trials/:id/promote, the trial) come from the path. */
export const promoteBodySchema = promotionRequestSchema.omit({ sweepId: true }).extend({
  requestedBy: z.string().trim().min(1).max(200).default('dashboard'),
});

/**
 * Promotes a trial: checks the request against the sweep (ended, fixed split, completed trial:
 * 404/422 before anything runs), answers a trial promoted before with its stored evaluation, and
 * otherwise hands the retrain to the workers' promotion queue.
 */
export async function promote(request: PromotionRequest) {
  const db = getDb();
  const { trial } = await resolvePromotionTarget(db, request);
  const existing = await db.testEvaluation.findUnique({ where: { trialId: trial.id } });
  if (existing) return Response.json({ evaluation: existing, created: false }, { status: 200 });
  // The promotion queue's contract (name, payload) is to move from apps/worker into
  // packages/queue; until it does, the web cannot enqueue and says so instead of guessing it.
  throw new ApiError(
    503,
    'promotion_unavailable',
    `trial ${trial.number} can be promoted, but this server cannot reach the promotion runner yet; run \`pnpm sweepwise promote ${request.sweepId} --trial ${trial.id}\``,
  );
}
