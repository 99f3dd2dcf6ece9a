import { getDb, getSweepSettingsOrThrow, listStopDecisions } from '@sweepwise/db';
import { readQuery, route } from '@/lib/api/route';
import { decisionsQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** The early-stopping log, newest first; pass the last id as `before` for the next page. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const { trial, ...query } = readQuery(req, decisionsQuery);
  await getSweepSettingsOrThrow(getDb(), id);
  const decisions = await listStopDecisions(getDb(), id, { ...query, trialNumber: trial });
  return { decisions, next: decisions.length === query.limit ? decisions.at(-1)!.id : null };
});
