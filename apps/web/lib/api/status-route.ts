import { getDb, setSweepStatus, type SweepAction } from '@sweepwise/db';
import { z } from 'zod';
import { readBody, route } from './route';
import { sweepView } from './sweep-view';

/** A status change takes no options: an empty body or `{}`, anything else is a mistake. */
export const noOptions = z.object({}).strict();

/** POST /api/v1/sweeps/:id/<action>: one status change; 409 when the status does not allow it. */
export function statusRoute(action: SweepAction) {
  return route<{ id: string }>(async (req, { id }) => {
    await readBody(req, noOptions);
    return sweepView(await setSweepStatus(getDb(), id, action));
  });
}
