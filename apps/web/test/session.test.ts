import { describe, expect, it } from 'vitest';
import { issueSession, SESSION_TTL_S, sessionKey, verifySession } from '../lib/auth/session';

describe('dashboard sessions', () => {
  const key = sessionKey('token-0123456789abcdef');
  const now = Date.UTC(2026, 0, 1);

  it('verifies a session it issued until it expires', () => {
    const value = issueSession(key, now);
    expect(verifySession(key, value, now)).toBe(true);
    expect(verifySession(key, value, now + (SESSION_TTL_S - 1) * 1000)).toBe(true);
    expect(verifySession(key, value, now + SESSION_TTL_S * 1000)).toBe(false);
  });

  it('refuses a tampered, foreign or malformed value', () => {
    const value = issueSession(key, now);
    const [expiry, nonce, mac] = value.split('.');
    expect(verifySession(key, `${Number(expiry) + 1000}.${nonce}.${mac}`, now)).toBe(false);
    expect(verifySession(sessionKey('another-token-0123456'), value, now)).toBe(false);
    for (const bad of [undefined, '', 'a.b', `${value}.x`])
      expect(verifySession(key, bad, now)).toBe(false);
  });
});
