import { z } from 'zod';
import { readBody, route } from '@/lib/api/route';
import { parseSweepText } from '@/lib/api/sweep-bodies';

export const dynamic = 'force-dynamic';

/** `{ yaml }` -> `{ body }`: checks a sweep file without creating anything (the form's import). */
export const POST = route(async (req) => {
  const { yaml } = await readBody(req, z.object({ yaml: z.string().min(1, 'is empty') }));
  return { body: parseSweepText(yaml) };
});
