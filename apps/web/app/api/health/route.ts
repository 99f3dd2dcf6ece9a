import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Public liveness: says the server answers, and nothing about its database or settings. */
export const GET = route(async () => ({ ok: true }), { public: true });
