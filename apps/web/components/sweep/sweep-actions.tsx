'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { callApi } from '@/lib/client-api';

type Action = 'pause' | 'resume' | 'cancel' | 'clone';

/** What can be done to a sweep in each status. */
const ACTIONS: Record<string, Action[]> = {
  draft: ['resume', 'cancel', 'clone'],
  running: ['pause', 'cancel', 'clone'],
  paused: ['resume', 'cancel', 'clone'],
  finished: ['clone'],
  cancelled: ['clone'],
  failed: ['clone'],
};

const LABELS: Record<Action, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  clone: 'Clone',
};

/** Pause / resume / cancel / clone buttons of a sweep, through the REST API. */
export function SweepActions({ id, status, name }: { id: string; status: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  async function run(action: Action) {
    if (action === 'cancel' && !window.confirm(`Cancel sweep "${name}"? Running trials stop.`))
      return;
    setError(null);
    const result = await callApi<{ id: string }>(`/api/v1/sweeps/${id}/${action}`, {
      method: 'POST',
    });
    if (!result.ok) return setError(result.error.message);
    startTransition(() => {
      if (action === 'clone') router.push(`/sweeps/${result.data.id}`);
      else router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-1">
      {(ACTIONS[status] ?? []).map((action) => (
        <button
          key={action}
          disabled={pending}
          onClick={() => run(action)}
          aria-label={`${LABELS[action]} ${name}`}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
        >
          {LABELS[action]}
        </button>
      ))}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
