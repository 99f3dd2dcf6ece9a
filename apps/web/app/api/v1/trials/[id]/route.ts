import { getDb, getTrialDetail } from '@sweepwise/db';
import { route } from '@/lib/api/route';
import { sweepView } from '@/lib/api/sweep-view';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) => {
  const detail = await getTrialDetail(getDb(), { id });
  return { ...detail, trial: { ...detail.trial, sweep: sweepView(detail.trial.sweep) } };
});
