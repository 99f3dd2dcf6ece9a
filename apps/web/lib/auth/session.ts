import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Dashboard sessions: signed cookies, nothing stored. The value is `<expiry>.<nonce>.<mac>` with
 * an HMAC-SHA256 keyed by a key derived from the API token, so every server process verifies it
 * alone, and a new token ends every session.
 */
export const SESSION_COOKIE = 'sweepwise_session';
export const SESSION_TTL_S = 7 * 24 * 3600;

export const sessionKey = (apiToken: string): Buffer =>
  createHmac('sha256', apiToken).update('sweepwise dashboard session v1').digest();

const mac = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function issueSession(key: Buffer, nowMs = Date.now()): string {
  const payload = `${Math.floor(nowMs / 1000) + SESSION_TTL_S}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${mac(key, payload)}`;
}

export function verifySession(key: Buffer, value: string | undefined, nowMs = Date.now()): boolean {
  const parts = value?.split('.');
  if (parts?.length !== 3) return false;
  const [expiry, nonce, given] = parts;
  if (!equalSecrets(given, mac(key, `${expiry}.${nonce}`))) return false;
  return Number(expiry) * 1000 > nowMs;
}

/** Compares two secrets in time independent of where they differ. */
export function equalSecrets(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Set-Cookie attributes: unreadable by scripts, never sent by another site's request. */
export function sessionCookie(value: string, secure: boolean) {
  return {
    name: SESSION_COOKIE,
    value,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure,
    path: '/',
    maxAge: value ? SESSION_TTL_S : 0,
  };
}
