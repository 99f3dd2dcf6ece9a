/**
 * The browser-facing checks every request passes, as pure functions of its headers: the Host
 * allow-list (DNS rebinding) and the same-origin rule for writes a browser sends with a cookie.
 */

/** Which Host names the server answers to; `any` when SWEEPWISE_ALLOWED_HOSTS is `*`. */
export interface HostAllowList {
  names: ReadonlySet<string>;
  any: boolean;
}

const WILDCARD_BINDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** A bind address meaning every interface (it names no host). */
export const isWildcardBind = (bindHost: string) => WILDCARD_BINDS.has(bindHost.trim());

/** The host name of a Host header or URL authority: lower case, no port, no brackets, no final dot. */
export function hostName(authority: string): string {
  const host = authority.trim().toLowerCase();
  // `[::1]:3000` and `::1` are IPv6; `name:3000` has one colon.
  const name = host.startsWith('[')
    ? host.slice(1).split(']')[0]
    : host.split(':').length === 2
      ? host.split(':')[0]
      : host;
  return name.replace(/\.$/, '');
}

/** Names that always mean this machine: no DNS answer can point them elsewhere. */
export function isLoopbackHost(authority: string): boolean {
  const name = hostName(authority);
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * Loopback names, the address the server binds (unless it is a wildcard such as 0.0.0.0) and the
 * comma-separated `extra` names (SWEEPWISE_ALLOWED_HOSTS; `*` allows any, e.g. behind a proxy
 * that checks Host itself).
 */
export function hostAllowList(bindHost: string, extra = ''): HostAllowList {
  const names = new Set<string>();
  if (!isWildcardBind(bindHost)) names.add(hostName(bindHost));
  let any = false;
  for (const entry of extra.split(',').map((e) => e.trim())) {
    if (entry === '*') any = true;
    else if (entry) names.add(hostName(entry));
  }
  return { names, any };
}

/**
 * Whether a request's Host header names this server. A page on evil.example whose DNS answer
 * turns to 127.0.0.1 (DNS rebinding) still sends `Host: evil.example`, and is refused.
 */
export function isHostAllowed(host: string | null, list: HostAllowList): boolean {
  if (!host) return false;
  return list.any || isLoopbackHost(host) || list.names.has(hostName(host));
}

/**
 * Whether a browser sent the request from a page of this server. Browsers mark their requests
 * with Sec-Fetch-Site and, on writes, Origin; a write that shows neither is not trusted.
 */
export function isSameOrigin(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (origin === null) return site === 'same-origin';
  // Host and port are compared, not the scheme: one port serves one scheme, and behind a TLS
  // proxy the server cannot tell which one the browser used.
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${headers.get('host') ?? ''}`).host;
  } catch {
    return false;
  }
}

/** `application/json; charset=utf-8` -> `application/json`; '' when absent. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Where to go after signing in: a path on this server, never another site (`//evil`, `/\evil`). */
export function localPath(value: string | null | undefined, fallback = '/sweeps'): string {
  return value && /^\/(?![/\\])/.test(value) && !value.includes('\\') ? value : fallback;
}
