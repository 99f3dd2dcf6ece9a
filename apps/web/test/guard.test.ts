import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../lib/auth/auth-config';
import { refusalOf } from '../lib/auth/guard';
import { hostAllowList } from '../lib/auth/request-guards';
import { issueSession, SESSION_COOKIE, sessionKey } from '../lib/auth/session';

const TOKEN = 'token-0123456789abcdef';
const on: AuthConfig = {
  mode: 'on',
  apiToken: TOKEN,
  sessionKey: sessionKey(TOKEN),
  hosts: hostAllowList('127.0.0.1'),
  stateDir: '/nonexistent',
};
const off: AuthConfig = { mode: 'off', hosts: on.hosts, stateDir: on.stateDir };
const session = `${SESSION_COOKIE}=${issueSession(on.sessionKey)}`;

function request(method: string, headers: Record<string, string>) {
  return new Request('http://127.0.0.1:3000/api/v1/sweeps', {
    method,
    headers: { host: '127.0.0.1:3000', ...headers },
  });
}
const status = (req: Request, config: AuthConfig = on, isPublic = false) =>
  refusalOf(req, isPublic, config)?.status ?? 'ok';

describe('refusalOf', () => {
  it('refuses a foreign Host before anything else', () => {
    expect(status(request('GET', { host: 'evil.example', authorization: `Bearer ${TOKEN}` }))).toBe(
      421,
    );
  });

  it('needs a bearer token or a session on reads and writes alike', () => {
    expect(status(request('GET', {}))).toBe(401);
    expect(status(request('POST', {}))).toBe(401);
    expect(status(request('GET', { authorization: 'Bearer wrong' }))).toBe(401);
    expect(status(request('GET', { authorization: `Bearer ${TOKEN}` }))).toBe('ok');
    expect(status(request('GET', { cookie: `a=b; ${session}` }))).toBe('ok');
    expect(status(request('GET', { cookie: `${SESSION_COOKIE}=forged.value.x` }))).toBe(401);
  });

  it('lets session writes through from this origin only', () => {
    const same = { cookie: session, origin: 'http://127.0.0.1:3000' };
    expect(status(request('POST', same))).toBe('ok');
    expect(status(request('POST', { cookie: session, origin: 'http://127.0.0.1:8080' }))).toBe(403);
    expect(status(request('POST', { cookie: session, 'sec-fetch-site': 'cross-site' }))).toBe(403);
    expect(status(request('POST', { cookie: session }))).toBe(403);
  });

  it('does not ask bearer clients for an Origin', () => {
    expect(status(request('POST', { authorization: `Bearer ${TOKEN}` }))).toBe('ok');
  });

  it('opens public paths without a credential, but not to cross-origin writes', () => {
    expect(status(request('GET', {}), on, true)).toBe('ok');
    expect(status(request('POST', { origin: 'http://127.0.0.1:3000' }), on, true)).toBe('ok');
    expect(status(request('POST', { origin: 'http://evil.example' }), on, true)).toBe(403);
  });

  it('with auth off still checks Host and origin', () => {
    expect(status(request('GET', {}), off)).toBe('ok');
    expect(status(request('POST', { origin: 'http://127.0.0.1:8080' }), off)).toBe(403);
    expect(status(request('GET', { host: 'evil.example' }), off)).toBe(421);
  });
});
