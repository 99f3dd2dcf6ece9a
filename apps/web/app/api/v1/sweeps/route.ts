import { getDb, listSweepSummaries } from '@sweepwise/db';
import { z } from 'zod';
import { queryInt } from '@/lib/api/params';
import { readQuery, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = route(async (req) => {
  const { limit } = readQuery(req, z.object({ limit: queryInt(1, 1000).default(200) }));
  return { sweeps: await listSweepSummaries(getDb(), limit) };
});
