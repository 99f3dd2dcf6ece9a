import { getDb, getSweepSettingsOrThrow, listTestEvaluations } from '@sweepwise/db';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Promotions of the sweep, with how often its test set has been used and the warning. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  await getSweepSettingsOrThrow(getDb(), id);
  return listTestEvaluations(getDb(), id);
});
