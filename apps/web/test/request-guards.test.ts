import { describe, expect, it } from 'vitest';
import {
  hostAllowList,
  hostName,
  isHostAllowed,
  isLoopbackHost,
  isSameOrigin,
  localPath,
  mediaType,
} from '../lib/auth/request-guards';

describe('host allow-list', () => {
  it('reads the name out of Host headers of every shape', () => {
    expect(hostName('127.0.0.1:3000')).toBe('127.0.0.1');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('::1')).toBe('::1');
    expect(hostName('Dash.Example.COM.')).toBe('dash.example.com');
  });

  it('knows loopback names from look-alikes', () => {
    for (const host of ['localhost:3000', '127.0.0.1', '127.1.2.3:80', '[::1]:3000', 'a.localhost'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('answers loopback names and the bind host, and refuses a rebound name', () => {
    const list = hostAllowList('192.168.1.20');
    expect(isHostAllowed('127.0.0.1:3000', list)).toBe(true);
    expect(isHostAllowed('localhost:3000', list)).toBe(true);
    expect(isHostAllowed('192.168.1.20:3000', list)).toBe(true);
    expect(isHostAllowed('evil.example', list)).toBe(false);
    expect(isHostAllowed('evil.example:3000', list)).toBe(false);
    expect(isHostAllowed(null, list)).toBe(false);
  });

  it('adds SWEEPWISE_ALLOWED_HOSTS names, ports ignored, and * for any', () => {
    const list = hostAllowList('0.0.0.0', ' dash.lab.example , 10.0.0.5:3000');
    expect([...list.names].sort()).toEqual(['10.0.0.5', 'dash.lab.example']);
    expect(isHostAllowed('DASH.lab.example:3000', list)).toBe(true);
    expect(isHostAllowed('10.0.0.5', list)).toBe(true);
    expect(isHostAllowed('other.lab.example', list)).toBe(false);
    expect(isHostAllowed('anything.example', hostAllowList('127.0.0.1', '*'))).toBe(true);
  });
});

describe('origin check', () => {
  const headers = (h: Record<string, string>) => new Headers({ host: '127.0.0.1:3000', ...h });

  it('accepts what a page of this server sends', () => {
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(headers({ origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(
      isSameOrigin(headers({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })),
    ).toBe(true);
  });

  it('refuses other origins, other ports of the same host, and requests that show neither', () => {
    expect(isSameOrigin(headers({ origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(headers({ origin: 'http://127.0.0.1:8080' }))).toBe(false);
    expect(isSameOrigin(headers({ origin: 'null' }))).toBe(false);
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(
      isSameOrigin(headers({ 'sec-fetch-site': 'same-origin', origin: 'http://evil.example' })),
    ).toBe(false);
    expect(isSameOrigin(headers({}))).toBe(false);
  });
});

describe('small pieces', () => {
  it('media types drop parameters and case', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(null)).toBe('');
  });

  it('login redirects stay on this server', () => {
    expect(localPath('/sweeps/abc?x=1')).toBe('/sweeps/abc?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '', null])
      expect(localPath(bad), String(bad)).toBe('/sweeps');
  });
});
