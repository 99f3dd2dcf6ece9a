import { z } from 'zod';
import { reportTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Each metric of a report is a curve point row: a report holds a training loop's few, not thousands. */
const MAX_METRICS_PER_REPORT = 100;

const reportSchema = z.object({
  step: z.number().int().min(0).max(1e9),
  metrics: z
    .record(z.string().min(1).max(200), z.number())
    .refine((m) => Object.keys(m).length > 0, 'needs at least one metric')
    .refine(
      (m) => Object.keys(m).length <= MAX_METRICS_PER_REPORT,
      `must have <= ${MAX_METRICS_PER_REPORT} metrics`,
    ),
});

/** One step's metrics; answers `{ stop, rule, reason }` as known so far. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { step, metrics } = await readBody(req, reportSchema);
  return reportTrial(id, step, metrics);
});
