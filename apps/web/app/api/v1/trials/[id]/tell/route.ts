import { z } from 'zod';
import { tellTrial, type TellBody } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** One object rather than a union, so a wrong field is named (`value`), not the body as a whole. */
const tellSchema = z
  .object({
    value: z.number().optional(),
    state: z.enum(['failed', 'pruned']).optional(),
    error: z.string().max(10_000).optional(),
  })
  .refine((b) => (b.value === undefined) !== (b.state === undefined), {
    message: "give the trial's value, or its state (failed or pruned), not both",
    path: ['value'],
  })
  .transform((b): TellBody =>
    b.value !== undefined ? { value: b.value } : { state: b.state!, error: b.error },
  );

/** The trial's end: `{ value }`, or `{ state: 'failed' | 'pruned', error? }`. */
export const POST = route<{ id: string }>(async (req, { id }) =>
  tellTrial(id, await readBody(req, tellSchema)),
);
