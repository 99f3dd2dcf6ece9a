import { getDb, getTrialOrThrow, listStopDecisions } from '@sweepwise/db';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) => {
  const trial = await getTrialOrThrow(getDb(), { id });
  const decisions = await listStopDecisions(getDb(), trial.sweepId, {
    trialNumber: trial.number,
    limit: 1000,
  });
  return { decisions };
});
