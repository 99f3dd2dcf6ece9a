import { getDb, setSweepArchived } from '@sweepwise/db';
import { readBody, route } from '@/lib/api/route';
import { noOptions } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** Archives the sweep: it leaves the default list (409 while it is running or paused). */
export const POST = route<{ id: string }>(async (req, { id }) => {
  await readBody(req, noOptions);
  return setSweepArchived(getDb(), id, true);
});
