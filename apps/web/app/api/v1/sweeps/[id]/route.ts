import { getDb, getSweepOverview } from '@sweepwise/db';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) => getSweepOverview(getDb(), id));
