import { statusRoute } from '@/lib/api/status-route';

export const dynamic = 'force-dynamic';

export const POST = statusRoute('start');
