import { createSweepBodySchema, toSweepFile } from '@sweepwise/sweeps';
import { readBody, route } from '@/lib/api/route';
import { toFileBody } from '@/lib/api/sweep-bodies';

export const dynamic = 'force-dynamic';

/** A create-sweep body -> `{ yaml }`: the form's export, in the canonical file layout. */
export const POST = route(async (req) => {
  const body = await readBody(req, createSweepBodySchema);
  return { yaml: toSweepFile(toFileBody(body)) };
});
