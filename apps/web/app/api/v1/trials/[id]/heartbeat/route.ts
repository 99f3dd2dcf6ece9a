import { heartbeatTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';
import { noOptions } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** Keeps a running trial its client's between reports (a long step); answers whether to stop. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  await readBody(req, noOptions);
  return heartbeatTrial(id);
});
