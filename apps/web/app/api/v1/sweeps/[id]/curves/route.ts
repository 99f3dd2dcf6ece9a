import { sweepSpecOf } from '@sweepwise/sweeps';
import {
  getDb,
  getSweepSettingsOrThrow,
  loadSweepCurves,
  loadTrialTable,
  pickCurveTrials,
} from '@sweepwise/db';
import { readQuery, route } from '@/lib/api/route';
import { sweepCurvesQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/**
 * Downsampled learning curves of one metric (the objective by default). Without `trials`, the
 * server picks what the overlay draws: the best, the running, a spread of the pruned.
 */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const query = readQuery(req, sweepCurvesQuery);
  const db = getDb();
  const spec = sweepSpecOf(await getSweepSettingsOrThrow(db, id));
  const metric = query.metric ?? spec.metric.name;
  const numbers = query.trials ?? pickCurveTrials(await loadTrialTable(db, id), spec.metric.goal);
  const curves = await loadSweepCurves(db, id, metric, numbers, { maxPoints: query.maxPoints });
  return { metric, curves };
});
