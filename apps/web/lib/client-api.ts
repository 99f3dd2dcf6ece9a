'use client';

/** A refused request as the UI shows it: the message and the fields at fault. */
export interface ApiFailure {
  status: number;
  message: string;
  issues: { field: string; reason: string }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

/**
 * Calls the REST API from the browser, with the session cookie the login set (httpOnly: no
 * script here ever holds a secret). A 401 means the session is gone or never was: the page moves
 * to the login page, which says how to sign in, and comes back here after.
 */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    return { ok: false, error: { status: 0, message: 'The server does not answer.', issues: [] } };
  }
  const json = (await res.json().catch(() => null)) as
    (T & { error?: { message: string; issues?: ApiFailure['issues'] } }) | null;
  if (res.ok) return { ok: true, data: json as T };
  if (res.status === 401 && !path.startsWith('/api/auth/')) {
    const here = `${window.location.pathname}${window.location.search}`;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  return {
    ok: false,
    error: {
      status: res.status,
      message: json?.error?.message ?? `request failed (${res.status})`,
      issues: json?.error?.issues ?? [],
    },
  };
}
