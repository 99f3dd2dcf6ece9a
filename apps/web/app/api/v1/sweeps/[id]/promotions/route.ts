import { getDb, listTestEvaluations, getSweepOrThrow } from '@sweepwise/db';
import { promote, promoteBodySchema } from '@/lib/api/promotions';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** The sweep's test evaluations, how many times its test set was used, and the warning. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  await getSweepOrThrow(getDb(), id);
  return listTestEvaluations(getDb(), id);
});

/** `{ trialId?, trainOn?, epochs?, requestedBy? }`: without trialId, the best completed trial. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const body = await readBody(req, promoteBodySchema);
  return promote({ ...body, sweepId: id });
});
