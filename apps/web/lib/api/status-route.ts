import { getDb, setSweepStatus, type SweepAction } from '@sweepwise/db';
import { noOptions } from './request-schemas';
import { readBody, route } from './route';
import { sweepView } from './sweep-view';

/** POST /api/v1/sweeps/:id/<action>: one status change; 409 when the status does not allow it. */
export function statusRoute(action: SweepAction) {
  return route<{ id: string }>(async (req, { id }) => {
    await readBody(req, noOptions);
    return sweepView(await setSweepStatus(getDb(), id, action));
  });
}
