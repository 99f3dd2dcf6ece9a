import { getDb, setSweepArchived } from '@sweepwise/db';
import { readBody, route } from '@/lib/api/route';
import { noOptions } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** Brings an archived sweep back to the default list. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  await readBody(req, noOptions);
  return setSweepArchived(getDb(), id, false);
});
