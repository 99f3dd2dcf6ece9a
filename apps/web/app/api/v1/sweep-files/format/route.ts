import { toSweepFile } from '@sweepwise/sweeps';
import { readBody, route } from '@/lib/api/route';
import { ServerSweepSpec } from '@/lib/api/server-sweep-spec';

export const dynamic = 'force-dynamic';

/** A SweepSpec -> `{ yaml }`: the form's export, in the canonical file layout. */
export const POST = route(async (req) => {
  return { yaml: toSweepFile(await readBody(req, ServerSweepSpec)) };
});
