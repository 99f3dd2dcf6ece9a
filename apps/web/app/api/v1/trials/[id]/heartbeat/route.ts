import { heartbeatTrial } from '@/lib/api/external-trials';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Keeps a running trial its client's between reports (a long step); answers whether to stop. */
export const POST = route<{ id: string }>(async (_req, { id }) => heartbeatTrial(id));
