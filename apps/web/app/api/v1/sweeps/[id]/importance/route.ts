import { getDb, getParameterImportance, getSweepSettingsOrThrow } from '@sweepwise/db';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) => {
  await getSweepSettingsOrThrow(getDb(), id);
  return getParameterImportance(getDb(), id);
});
