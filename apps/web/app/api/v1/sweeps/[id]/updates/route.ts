import { getDb, loadSweepUpdates } from '@sweepwise/db';
import { pbtOverview } from '@sweepwise/sweeps';
import { notFound } from '@/lib/api/errors';
import { readQuery, route } from '@/lib/api/route';
import { sweepWaiting } from '@/lib/sweep-waiting';
import { sweepUpdatesQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/**
 * What changed since the `after` cursor; the answer carries the next cursor, and `waiting` (why
 * the trials wait for a worker, or null).
 */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const { after } = readQuery(req, sweepUpdatesQuery);
  const updates = await loadSweepUpdates(getDb(), id, new Date(after));
  if (!updates) throw notFound(`sweep ${id}`);
  const sweep = await getDb().sweep.findUnique({
    where: { id },
    select: { spec: true, status: true },
  });
  return {
    ...updates,
    pbt: updates.pbt && pbtOverview(updates.pbt),
    waiting: sweep ? await sweepWaiting(sweep) : null,
  };
});
