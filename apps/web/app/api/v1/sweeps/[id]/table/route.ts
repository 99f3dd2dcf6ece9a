import { sweepSpecOf } from '@sweepwise/sweeps';
import { getDb, getSweepSettingsOrThrow, loadTrialTable } from '@sweepwise/db';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Every trial of the sweep as columns: what the sweep page's charts and table draw. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const { parameters } = sweepSpecOf(await getSweepSettingsOrThrow(getDb(), id));
  return loadTrialTable(getDb(), id, { paramNames: Object.keys(parameters) });
});
