import { NextResponse, type NextRequest } from 'next/server';
import { errorBody } from '@/lib/api/error-body';
import { refusalOf } from '@/lib/auth/guard';

/** Reachable without a credential: liveness, and the ways to get one. */
const PUBLIC_PATHS = new Set(['/api/health', '/api/auth/login', '/api/auth/logout', '/login']);

/**
 * Every page and API request passes the Host, credential and origin checks here (see refusalOf).
 * A page asked for without a session leads to the login page; an API call gets the error as JSON.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const refusal = refusalOf(req, PUBLIC_PATHS.has(pathname));
  if (!refusal) return NextResponse.next();
  const { status, code, message, field, reason } = refusal;
  // A page leads a person to the login page; the API and the Prometheus endpoint answer 401.
  // The API reference (/api/docs) is a page.
  const machine =
    (pathname.startsWith('/api/') && !pathname.startsWith('/api/docs')) || pathname === '/metrics';
  if (status === 401 && req.method === 'GET' && !machine) {
    // Absolute, as Next requires here; it sends it relative, so the browser keeps its host.
    const login = new URL('/login', req.url);
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return errorBody(status, code, message, [{ field, reason }]);
}

export const config = {
  // Built assets are the same for everyone and hold no data.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
