import { getDb, getSweepOrThrow } from '@sweepwise/db';
import { sweepSpecOf, toSweepFile } from '@sweepwise/sweeps';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** The sweep as a YAML sweep file: `sweepwise run` or the create form take it back as is. */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const sweep = await getSweepOrThrow(getDb(), id);
  const file = `${sweep.name.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'sweep'}.yaml`;
  return new Response(toSweepFile(sweepSpecOf(sweep)), {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    },
  });
});
