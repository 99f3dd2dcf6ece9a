import { askTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';
import { askBody } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** The next trial of the sweep for the caller's own training loop: `{ trialId, number, params }`. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { client } = await readBody(req, askBody);
  return askTrial(id, client);
});
