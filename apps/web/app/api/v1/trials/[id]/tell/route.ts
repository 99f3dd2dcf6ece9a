import { tellTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';
import { tellBody } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** The trial's end: `{ value }`, or `{ state: 'failed' | 'pruned', error? }`. */
export const POST = route<{ id: string }>(async (req, { id }) =>
  tellTrial(id, await readBody(req, tellBody)),
);
