import { getDb, getTrialOrThrow } from '@sweepwise/db';
import { promote, promoteBodySchema } from '@/lib/api/promotions';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Promote this trial: `{ trainOn?, epochs?, requestedBy? }`. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const body = await readBody(req, promoteBodySchema.omit({ trialId: true }));
  const trial = await getTrialOrThrow(getDb(), { id });
  return promote({ ...body, sweepId: trial.sweepId, trialId: trial.id });
});
