import { getDb, setSweepStatus, type SweepAction } from '@sweepwise/db';
import { route } from './route';

/** POST /api/v1/sweeps/:id/<action>: one status change; 409 when the status does not allow it. */
export function statusRoute(action: SweepAction) {
  return route<{ id: string }>(async (_req, { id }) => setSweepStatus(getDb(), id, action));
}
