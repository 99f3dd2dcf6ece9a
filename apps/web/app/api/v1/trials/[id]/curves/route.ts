import { getDb, getTrialOrThrow, loadTrialCurves } from '@sweepwise/db';
import { readQuery, route } from '@/lib/api/route';
import { trialCurvesQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** Every metric's curve of the trial, each downsampled to `maxPoints`. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const { maxPoints } = readQuery(req, trialCurvesQuery);
  const trial = await getTrialOrThrow(getDb(), { id });
  return { curves: await loadTrialCurves(getDb(), trial.id, maxPoints) };
});
