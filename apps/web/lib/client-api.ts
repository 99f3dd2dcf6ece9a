'use client';

/** A refused request as the UI shows it: the message and the fields at fault. */
export interface ApiFailure {
  status: number;
  message: string;
  issues: { field: string; reason: string }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

const TOKEN_KEY = 'sweepwise-api-token';

/**
 * Calls the REST API from the browser. The dashboard is an API client like any other: when the
 * server has SWEEPWISE_API_TOKEN set, writes carry the token the user entered once (kept in this
 * browser only); a 401 asks for it and retries.
 */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = window.localStorage.getItem(TOKEN_KEY);
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers });
    } catch {
      return {
        ok: false,
        error: { status: 0, message: 'The server does not answer.', issues: [] },
      };
    }
    if (res.status === 401 && attempt === 0) {
      const entered = window.prompt('This server needs an API token for changes. Token:');
      if (!entered) break;
      window.localStorage.setItem(TOKEN_KEY, entered);
      continue;
    }
    const json = (await res.json().catch(() => null)) as
      (T & { error?: { message: string; issues?: ApiFailure['issues'] } }) | null;
    if (res.ok) return { ok: true, data: json as T };
    return {
      ok: false,
      error: {
        status: res.status,
        message: json?.error?.message ?? `request failed (${res.status})`,
        issues: json?.error?.issues ?? [],
      },
    };
  }
  return { ok: false, error: { status: 401, message: 'An API token is needed.', issues: [] } };
}
