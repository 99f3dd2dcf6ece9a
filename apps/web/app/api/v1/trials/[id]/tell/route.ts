import { z } from 'zod';
import { tellTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const tellSchema = z.union([
  z.object({ value: z.number() }),
  z.object({ state: z.enum(['failed', 'pruned']), error: z.string().max(10_000).optional() }),
]);

/** The trial's end: `{ value }`, or `{ state: 'failed' | 'pruned', error? }`. */
export const POST = route<{ id: string }>(async (req, { id }) =>
  tellTrial(id, await readBody(req, tellSchema)),
);
