import { getDb, getSweepSettingsOrThrow, listTrialPage } from '@sweepwise/db';
import { z } from 'zod';
import { queryInt, trialStateSchema } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  after: queryInt(-1).optional(),
  state: trialStateSchema.optional(),
  limit: queryInt(1, 1000).default(100),
});

/** Trials as objects, by number; pass `next` back as `after` for the next page. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const query = readQuery(req, querySchema);
  await getSweepSettingsOrThrow(getDb(), id);
  return listTrialPage(getDb(), id, query);
});
