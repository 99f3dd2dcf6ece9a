import { authConfig, type AuthConfig } from './auth-config';
import { isHostAllowed, isSameOrigin } from './request-guards';
import { equalSecrets, SESSION_COOKIE, verifySession } from './session';

/** How a request proved it may use the server: a bearer token, a dashboard session, or auth off. */
export type Credential = 'bearer' | 'session' | 'open';

/** Why a request is turned away, in the API's error terms. */
export interface Refusal {
  status: 401 | 403 | 421;
  code: string;
  message: string;
  field: string;
  reason: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function credentialOf(req: Request, config: AuthConfig = authConfig()): Credential | null {
  if (config.mode === 'off') return 'open';
  const header = req.headers.get('authorization');
  if (header !== null) {
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    return equalSecrets(given, config.apiToken) ? 'bearer' : null;
  }
  const session = cookieValue(req.headers.get('cookie'), SESSION_COOKIE);
  return verifySession(config.sessionKey, session) ? 'session' : null;
}

/**
 * The checks every request passes before a page or route sees it, in order: the Host is this
 * server's (421), a credential unless the path is public (401), and a write a browser sent on its
 * own (a session cookie, auth off, or the login form) comes from this origin (403). Bearer
 * requests skip the origin check: no browser adds that header to another site's request.
 */
export function refusalOf(
  req: Request,
  isPublic: boolean,
  config: AuthConfig = authConfig(),
): Refusal | null {
  if (!isHostAllowed(req.headers.get('host'), config.hosts)) {
    return {
      status: 421,
      code: 'misdirected',
      message:
        'this server does not answer to that Host name; add it to SWEEPWISE_ALLOWED_HOSTS to reach the dashboard by it',
      field: 'host',
      reason: 'not an allowed host name',
    };
  }
  const credential = credentialOf(req, config);
  if (!credential && !isPublic) {
    const given = req.headers.has('authorization');
    return {
      status: 401,
      code: 'unauthorized',
      message:
        'sign in with the login link `npm start` printed, or send Authorization: Bearer <token> ' +
        '(SWEEPWISE_API_TOKEN, or apiToken in the server state file)',
      field: 'authorization',
      reason: given ? 'token does not match' : 'missing bearer token or session',
    };
  }
  if (!READ_METHODS.has(req.method) && credential !== 'bearer' && !isSameOrigin(req.headers)) {
    return {
      status: 403,
      code: 'cross_origin',
      message: 'a browser write must come from a page of this server',
      field: 'origin',
      reason: 'not the same origin',
    };
  }
  return null;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
