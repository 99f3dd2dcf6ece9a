import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { readBody, route } from '@/lib/api/route';
import { authConfig } from '@/lib/auth/auth-config';
import { localPath } from '@/lib/auth/request-guards';
import { equalSecrets, issueSession, sessionCookie } from '@/lib/auth/session';
import { consumeLoginSecret } from '@/lib/auth/state-file';

export const dynamic = 'force-dynamic';

/** A response that starts a dashboard session (httpOnly, SameSite=Strict cookie). */
function withSession(req: Request, res: NextResponse): NextResponse {
  const config = authConfig();
  if (config.mode === 'on') {
    const secure = new URL(req.url).protocol === 'https:';
    res.cookies.set(sessionCookie(issueSession(config.sessionKey), secure));
  }
  return res;
}

/**
 * A relative redirect: the browser stays on the host it asked (req.url names Next's own host,
 * e.g. localhost, where the cookie just set would not be sent).
 */
const seeOther = (path: string) =>
  new NextResponse(null, { status: 303, headers: { location: path } });

/**
 * GET /api/auth/login?secret=...: the one-time link `npm start` prints. It is used up on the
 * first visit; a second visit leads to the login page, which says so.
 */
export const GET = route(
  async (req) => {
    const url = new URL(req.url);
    const config = authConfig();
    const secret = url.searchParams.get('secret') ?? '';
    const to = localPath(url.searchParams.get('next'));
    if (config.mode === 'on' && !consumeLoginSecret(config.stateDir, secret)) {
      return seeOther('/login?error=link');
    }
    return withSession(req, seeOther(to));
  },
  { public: true },
);

/** POST /api/auth/login { token }: the API token pasted once into the login page. */
export const POST = route(
  async (req) => {
    const { token } = await readBody(
      req,
      z.object({ token: z.string().trim().min(1, 'is empty') }),
    );
    const config = authConfig();
    if (config.mode === 'on' && !equalSecrets(token, config.apiToken)) {
      throw new ApiError(401, 'unauthorized', 'that is not the API token of this server', [
        { field: 'token', reason: 'does not match' },
      ]);
    }
    return withSession(req, NextResponse.json({ ok: true }));
  },
  { public: true },
);
