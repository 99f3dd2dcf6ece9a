import { getDb, pingDb } from '@sweepwise/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  const db = await pingDb(getDb());
  return Response.json({ ok: db.ok, db }, { status: db.ok ? 200 : 503 });
}
