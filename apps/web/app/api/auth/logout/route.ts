import { NextResponse } from 'next/server';
import { route } from '@/lib/api/route';
import { sessionCookie } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** POST /api/auth/logout: ends this browser's session. */
export const POST = route(
  async (req) => {
    const res = NextResponse.json({ ok: true });
    res.cookies.set(sessionCookie('', new URL(req.url).protocol === 'https:'));
    return res;
  },
  { public: true },
);
