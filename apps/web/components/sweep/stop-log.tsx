'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { StopDecisionRow } from '@sweepwise/db';
import { callApi } from '@/lib/client-api';
import { formatValue } from '@/lib/format';

/** The early-stopping log: every stop with its rule, step, values and reason, newest first. */
export function StopLog({
  sweepId,
  decisions,
  pageSize,
}: {
  sweepId: string;
  decisions: StopDecisionRow[];
  pageSize: number;
}) {
  const [older, setOlder] = useState<StopDecisionRow[]>([]);
  const [more, setMore] = useState(decisions.length >= pageSize);
  const [error, setError] = useState<string | null>(null);
  const rows = [...decisions, ...older];

  async function loadOlder() {
    const last = rows.at(-1);
    if (!last) return;
    const result = await callApi<{ decisions: StopDecisionRow[]; next: string | null }>(
      `/api/v1/sweeps/${sweepId}/decisions?decision=stop&limit=${pageSize}&before=${last.id}`,
    );
    if (!result.ok) return setError(result.error.message);
    setOlder((o) => [...o, ...result.data.decisions]);
    setMore(result.data.next !== null);
  }

  if (rows.length === 0) {
    return (
      <p className="py-4 text-center text-sm text-slate-500">No trial has been stopped early.</p>
    );
  }
  return (
    <div className="max-h-80 overflow-auto" data-testid="stop-log">
      <table className="w-full text-xs">
        <thead className="sticky top-0 bg-white text-left text-slate-500">
          <tr>
            <th className="px-2 py-1">Trial</th>
            <th className="px-2 py-1">Step</th>
            <th className="px-2 py-1">Rule</th>
            <th className="px-2 py-1">Value</th>
            <th className="px-2 py-1">Threshold</th>
            <th className="px-2 py-1">Rank</th>
            <th className="px-2 py-1">Reason</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((d) => (
            <tr key={d.id}>
              <td className="px-2 py-1">
                <Link
                  href={`/sweeps/${sweepId}/trials/${d.trialNumber}`}
                  className="text-blue-800 hover:underline"
                >
                  #{d.trialNumber}
                </Link>
              </td>
              <td className="px-2 py-1 tabular-nums">{d.step}</td>
              <td className="px-2 py-1">{d.rule}</td>
              <td className="px-2 py-1 tabular-nums">{formatValue(d.value)}</td>
              <td className="px-2 py-1 tabular-nums">{formatValue(d.threshold)}</td>
              <td className="px-2 py-1 tabular-nums">
                {d.rank != null ? `${d.rank}/${d.peers ?? '?'}` : '—'}
              </td>
              <td className="px-2 py-1">{d.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button onClick={loadOlder} className="mt-2 rounded border px-2 py-0.5 text-xs">
          Load older decisions
        </button>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
