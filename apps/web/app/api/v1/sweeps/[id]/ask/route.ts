import { z } from 'zod';
import { askTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const askSchema = z.object({
  /** Who runs the trial (shown as its worker): a host name, a notebook... */
  client: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.@-]+$/, 'letters, digits, _ . @ - only')
    .default('client'),
});

/** The next trial of the sweep for the caller's own training loop: `{ trialId, number, params }`. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { client } = await readBody(req, askSchema);
  return askTrial(id, client);
});
