import { getDb, getSweepSettingsOrThrow, listTrialPage } from '@sweepwise/db';
import { readQuery, route } from '@/lib/api/route';
import { sweepTrialsQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** Trials as objects, by number; pass `next` back as `after` for the next page. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const query = readQuery(req, sweepTrialsQuery);
  await getSweepSettingsOrThrow(getDb(), id);
  return listTrialPage(getDb(), id, query);
});
