import { getDb, getSweepOverview } from '@sweepwise/db';
import { route } from '@/lib/api/route';
import { sweepView } from '@/lib/api/sweep-view';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) =>
  sweepView(await getSweepOverview(getDb(), id)),
);
