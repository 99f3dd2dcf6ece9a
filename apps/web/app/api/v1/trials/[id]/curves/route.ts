import { getDb, getTrialOrThrow, loadTrialCurves, TRIAL_CURVE_POINTS } from '@sweepwise/db';
import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Every metric's curve of the trial, each downsampled to `maxPoints`. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const { maxPoints } = readQuery(
    req,
    z.object({ maxPoints: queryInt(3, 10_000).default(TRIAL_CURVE_POINTS) }),
  );
  const trial = await getTrialOrThrow(getDb(), { id });
  return { curves: await loadTrialCurves(getDb(), trial.id, maxPoints) };
});
