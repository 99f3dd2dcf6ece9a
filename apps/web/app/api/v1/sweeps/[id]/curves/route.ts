import { sweepSpecOf } from '@sweepwise/sweeps';
import {
  getDb,
  getSweepSettingsOrThrow,
  loadSweepCurves,
  loadTrialTable,
  pickCurveTrials,
} from '@sweepwise/db';
import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  metric: z.string().min(1).optional(),
  trials: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated trial numbers')
    .transform((s) => s.split(',').map(Number))
    .optional(),
  maxPoints: queryInt(3, 1000).optional(),
});

/**
 * Downsampled learning curves of one metric (the objective by default). Without `trials`, the
 * server picks what the overlay draws: the best, the running, a spread of the pruned.
 */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const query = readQuery(req, querySchema);
  const db = getDb();
  const spec = sweepSpecOf(await getSweepSettingsOrThrow(db, id));
  const metric = query.metric ?? spec.metric.name;
  const numbers = query.trials ?? pickCurveTrials(await loadTrialTable(db, id), spec.metric.goal);
  const curves = await loadSweepCurves(db, id, metric, numbers, { maxPoints: query.maxPoints });
  return { metric, curves };
});
