import { z } from 'zod';
import { reportTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const reportSchema = z.object({
  step: z.number().int().min(0),
  metrics: z
    .record(z.string().min(1), z.number())
    .refine((m) => Object.keys(m).length > 0, 'needs at least one metric'),
});

/** One step's metrics; answers `{ stop, rule, reason }` as known so far. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { step, metrics } = await readBody(req, reportSchema);
  return reportTrial(id, step, metrics);
});
