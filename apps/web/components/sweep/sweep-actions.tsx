'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { callApi } from '@/lib/client-api';

type Action = 'pause' | 'resume' | 'cancel' | 'clone' | 'archive' | 'unarchive' | 'delete';

/** What can be done to a sweep in each status (archive and delete wait until it is stopped). */
const ACTIONS: Record<string, Action[]> = {
  draft: ['resume', 'cancel', 'clone', 'archive', 'delete'],
  running: ['pause', 'cancel', 'clone'],
  paused: ['resume', 'cancel', 'clone', 'delete'],
  finished: ['clone', 'archive', 'delete'],
  cancelled: ['clone', 'archive', 'delete'],
  failed: ['clone', 'archive', 'delete'],
};

const LABELS: Record<Action, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  clone: 'Clone',
  archive: 'Archive',
  unarchive: 'Unarchive',
  delete: 'Delete',
};

/** What the user is asked before an action that cannot be taken back, or stops trials. */
const CONFIRM: Partial<Record<Action, (name: string) => string>> = {
  cancel: (name) => `Cancel sweep "${name}"? Running trials stop.`,
  delete: (name) =>
    `Delete sweep "${name}" with all its trials, curves, checkpoints and test evaluations? This cannot be undone.`,
};

/**
 * Pause / resume / cancel / clone / archive / delete buttons of a sweep, through the REST API.
 * `leaveOnDelete` is where to go once the sweep is gone (its own page no longer exists).
 */
export function SweepActions({
  id,
  status,
  name,
  archived = false,
  leaveOnDelete,
}: {
  id: string;
  status: string;
  name: string;
  archived?: boolean;
  leaveOnDelete?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const actions = (ACTIONS[status] ?? []).map((a) =>
    a === 'archive' && archived ? 'unarchive' : a,
  );

  async function run(action: Action) {
    const question = CONFIRM[action]?.(name);
    if (question && !window.confirm(question)) return;
    setError(null);
    const result =
      action === 'delete'
        ? await callApi<{ deleted: string }>(`/api/v1/sweeps/${id}`, { method: 'DELETE' })
        : await callApi<{ id: string }>(`/api/v1/sweeps/${id}/${action}`, { method: 'POST' });
    if (!result.ok) return setError(result.error.message);
    startTransition(() => {
      if (action === 'clone') router.push(`/sweeps/${(result.data as { id: string }).id}`);
      else if (action === 'delete' && leaveOnDelete) router.push(leaveOnDelete);
      else router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-1">
      {actions.map((action) => (
        <button
          key={action}
          disabled={pending}
          onClick={() => run(action)}
          aria-label={`${LABELS[action]} ${name}`}
          className={`rounded border bg-white px-2 py-0.5 text-xs disabled:opacity-50 ${
            action === 'delete'
              ? 'border-red-300 text-red-700 hover:bg-red-50'
              : 'border-slate-300 hover:bg-slate-100'
          }`}
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
