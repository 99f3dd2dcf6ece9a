import { getDb, loadTrialComparison } from '@sweepwise/db';
import { compareQuerySchema } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** `?trials=<sweepId>:<number>,<trialId>,...`: 2 to 10 trials of any sweeps side by side. */
export const GET = route(async (req) => {
  const { trials } = readQuery(req, compareQuerySchema);
  return { trials: await loadTrialComparison(getDb(), trials) };
});
