'use client';

import { useState } from 'react';
import { callApi } from '@/lib/client-api';

/** Trades the API token for a session cookie, then goes where the user was headed. */
export function TokenForm({ next }: { next: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await callApi('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ token }),
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    // A full load, so every server component renders with the new session.
    window.location.assign(next);
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <label htmlFor="api-token" className="block text-xs font-medium text-slate-600">
        API token
      </label>
      <input
        id="api-token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? 'api-token-error' : undefined}
        className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
      />
      {error && (
        <p id="api-token-error" role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || token.trim() === ''}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50"
      >
        Sign in
      </button>
    </form>
  );
}
