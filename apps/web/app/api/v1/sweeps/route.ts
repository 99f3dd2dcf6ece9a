import { createSweep, getDb, listSweepSummaries } from '@sweepwise/db';
import { readQuery, route } from '@/lib/api/route';
import { readSweepSpec } from '@/lib/api/sweep-bodies';
import { sweepListItem, sweepView } from '@/lib/api/sweep-view';
import { sweepCreateQuery, sweepListQuery } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/** ?archived= false (the default list), true (archived only) or all. */
const ARCHIVED = { false: 'exclude', true: 'only', all: 'include' } as const;

export const GET = route(async (req) => {
  const { limit, archived } = readQuery(req, sweepListQuery);
  const summaries = await listSweepSummaries(getDb(), limit, ARCHIVED[archived]);
  return { sweeps: summaries.map(sweepListItem) };
});

/**
 * Creates a sweep from a JSON body or a YAML sweep file (`Content-Type: application/yaml`);
 * `?status=draft` stores it without starting it.
 */
export const POST = route(async (req) => {
  const { status } = readQuery(req, sweepCreateQuery);
  const sweep = await createSweep(getDb(), await readSweepSpec(req), { status });
  return Response.json(sweepView(sweep), { status: 201 });
});
