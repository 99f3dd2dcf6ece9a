import { readSweepFile } from '@sweepwise/sweeps';
import { readBody, route } from '@/lib/api/route';
import { sweepFileBody } from '@/lib/api/request-schemas';
import { ServerSweepSpec } from '@/lib/api/server-sweep-spec';

export const dynamic = 'force-dynamic';

/** `{ yaml }` -> `{ body }`, its SweepSpec: checks a sweep file without creating anything (the form's import). */
export const POST = route(async (req) => {
  const { yaml } = await readBody(req, sweepFileBody);
  return { body: readSweepFile(yaml, { schema: ServerSweepSpec }).spec };
});
