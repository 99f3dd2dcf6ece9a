'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/lib/client-api';
import { formatValue } from '@/lib/format';

const FIELD = 'text-xs font-medium text-slate-600';
const CONTROL = 'mt-0.5 w-full rounded border px-2 py-1 text-sm';

interface Candidate {
  id: string;
  number: number;
  value: number;
  /** Shown instead of the value: a front trial's objectives. */
  label?: string;
}

/**
 * Pick a trial (the best by default; with several objectives, one of the front), how to retrain
 * it, and promote it to the test set.
 */
export function PromotePanel({
  sweepId,
  candidates,
  several = false,
  initialTrial,
  promotable,
  uses,
}: {
  sweepId: string;
  candidates: Candidate[];
  /** Several objectives: the candidates are the Pareto front, none of them best. */
  several?: boolean;
  initialTrial: string | null;
  promotable: string | null;
  uses: number;
}) {
  const router = useRouter();
  const [trialId, setTrialId] = useState(initialTrial ?? candidates[0]?.id ?? '');
  const [trainOn, setTrainOn] = useState('train+validation');
  const [epochs, setEpochs] = useState('early-stopping');
  const [requestedBy, setRequestedBy] = useState('dashboard');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (
      uses >= 1 &&
      !window.confirm(`The test set of this sweep has been used ${uses} time(s). Use it again?`)
    )
      return;
    setBusy(true);
    const result = await callApi<{ created: boolean }>(`/api/v1/sweeps/${sweepId}/promotions`, {
      method: 'POST',
      body: JSON.stringify({ trialId, trainOn, epochs, requestedBy }),
    });
    setBusy(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error.message });
    setMessage({
      ok: true,
      text: result.data.created
        ? 'Promoted.'
        : 'This trial was promoted before: its evaluation is below.',
    });
    router.refresh();
  }

  if (candidates.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No completed trial with a finite objective to promote yet.
      </p>
    );
  return (
    <form onSubmit={submit} className="grid gap-3 md:grid-cols-4" aria-label="promote">
      {promotable && (
        <p role="status" className="col-span-full rounded bg-amber-50 p-2 text-sm text-amber-900">
          {promotable}
        </p>
      )}
      <Choice label="Trial" value={trialId} onChange={setTrialId}>
        {candidates.map((c, k) => (
          <option key={c.id} value={c.id}>
            #{c.number}: {c.label ?? formatValue(c.value)}
            {k === 0 && !several ? ' (best)' : ''}
          </option>
        ))}
      </Choice>
      <Choice label="Retrain on" value={trainOn} onChange={setTrainOn}>
        <option value="train+validation">train + validation</option>
        <option value="train">train only</option>
      </Choice>
      <Choice label="Epochs" value={epochs} onChange={setEpochs}>
        <option value="early-stopping">the epoch early stopping chose</option>
        <option value="trial">all the trial ran</option>
      </Choice>
      <label className={FIELD}>
        Requested by
        <input
          className={CONTROL}
          value={requestedBy}
          onChange={(e) => setRequestedBy(e.target.value)}
        />
      </label>
      <div className="col-span-full flex items-center gap-3">
        <button
          type="submit"
          disabled={busy || !trialId}
          className="rounded bg-emerald-700 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {busy ? 'Promoting…' : 'Promote to the test set'}
        </button>
        {message && (
          <span
            role={message.ok ? 'status' : 'alert'}
            className={`text-sm ${message.ok ? 'text-emerald-700' : 'text-red-700'}`}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** One of the promotion's choices, named by its label. */
function Choice({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: React.ReactNode;
}) {
  return (
    <label className={FIELD}>
      {label}
      <select
        className={CONTROL}
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </label>
  );
}
