import { createSweep, getDb, getSweepOrThrow } from '@sweepwise/db';
import { sweepSpecOf } from '@sweepwise/sweeps';
import { readBody, route } from '@/lib/api/route';
import { ServerSweepSpec } from '@/lib/api/server-sweep-spec';
import { sweepView } from '@/lib/api/sweep-view';
import { cloneBody } from '@/lib/api/request-schemas';

export const dynamic = 'force-dynamic';

/**
 * A new sweep with the same settings (a draft unless asked to run), for a re-run or a variant.
 * Secret env values are copied on the server, so the clone runs as the original did.
 */
export const POST = route<{ id: string }>(async (req, { id }) => {
  const { name, status } = await readBody(req, cloneBody);
  const db = getDb();
  const spec = sweepSpecOf(await getSweepOrThrow(db, id), { secrets: 'keep' });
  const copy = ServerSweepSpec.parse({ ...spec, name: name ?? `${spec.name} (copy)` });
  const sweep = await createSweep(db, copy, { status });
  return Response.json(sweepView(sweep), { status: 201 });
});
