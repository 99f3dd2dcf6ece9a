import { readSweepFile } from '@sweepwise/sweeps';
import { z } from 'zod';
import { readBody, route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** `{ yaml }` -> `{ body }`, its SweepSpec: checks a sweep file without creating anything (the form's import). */
export const POST = route(async (req) => {
  const { yaml } = await readBody(req, z.object({ yaml: z.string().min(1, 'is empty') }));
  return { body: readSweepFile(yaml).spec };
});
