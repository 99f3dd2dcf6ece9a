import { shouldStop } from '@/lib/api/external-trials';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async (_req, { id }) => shouldStop(id));
