import { reportTrial } from '@/lib/api/external-trials';
import { readBody, route } from '@/lib/api/route';
import { reportBody } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** One step's metrics; answers `{ stop, rule, reason }` as known so far. */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { step, metrics } = await readBody(req, reportBody);
  return reportTrial(id, step, metrics);
});
