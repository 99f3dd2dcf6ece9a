import { getDb, getSweepSettingsOrThrow, listStopDecisions } from '@sweepwise/db';
import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  before: z.string().regex(/^\d+$/, 'must be a decision id').optional(),
  decision: z.enum(['stop', 'continue']).optional(),
  trial: queryInt(0).optional(),
  limit: queryInt(1, 1000).default(100),
});

/** The early-stopping log, newest first; pass the last id as `before` for the next page. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const { trial, ...query } = readQuery(req, querySchema);
  await getSweepSettingsOrThrow(getDb(), id);
  const decisions = await listStopDecisions(getDb(), id, { ...query, trialNumber: trial });
  return { decisions, next: decisions.length === query.limit ? decisions.at(-1)!.id : null };
});
