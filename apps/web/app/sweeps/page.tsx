import Link from 'next/link';
import { getDb, listSweepSummaries } from '@sweepwise/db';
import { SweepActions } from '@/components/sweep/sweep-actions';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StateBadge } from '@/components/ui/state-badge';
import { EmptyState } from '@/components/ui/states';
import { formatDate, formatDuration, formatValue, secondsBetween } from '@/lib/format';

export const dynamic = 'force-dynamic';

export default async function SweepsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const archived = (await searchParams).archived === 'true';
  const sweeps = await listSweepSummaries(getDb(), 200, archived ? 'only' : 'exclude');
  return (
    <section>
      <AutoRefresh active={sweeps.some((s) => s.status === 'running')} />
      <div className="mb-4 flex items-center">
        <h1 className="text-2xl font-semibold">{archived ? 'Archived sweeps' : 'Sweeps'}</h1>
        <Link
          href={archived ? '/sweeps' : '/sweeps?archived=true'}
          className="ml-auto mr-3 text-sm text-blue-800 hover:underline"
        >
          {archived ? 'Back to sweeps' : 'Archived'}
        </Link>
        <Link
          href="/sweeps/new"
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          New sweep
        </Link>
      </div>
      {sweeps.length === 0 && archived ? (
        <EmptyState>No archived sweeps.</EmptyState>
      ) : sweeps.length === 0 ? (
        <EmptyState>
          No sweeps yet.{' '}
          <Link href="/sweeps/new" className="text-blue-700 underline">
            Create one
          </Link>
          , or run <code>pnpm sweepwise run examples/iris-random.yaml</code>.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Algorithm</th>
                <th className="px-3 py-2">Progress</th>
                <th className="px-3 py-2">Best</th>
                <th className="px-3 py-2">Started</th>
                <th className="px-3 py-2">Duration</th>
                <th className="px-3 py-2">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sweeps.map((s) => (
                <tr key={s.id} data-testid="sweep-row">
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/sweeps/${s.id}`} className="text-blue-800 hover:underline">
                      {s.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <StateBadge state={s.status} />
                  </td>
                  <td className="px-3 py-2">{s.algorithm}</td>
                  <td className="px-3 py-2">
                    <ProgressBar
                      done={s.trialsDone}
                      total={s.maxTrials}
                      running={s.trialsRunning}
                    />
                  </td>
                  <td
                    className="px-3 py-2 tabular-nums"
                    title={`${s.direction} ${s.objectiveMetric}`}
                  >
                    {formatValue(s.bestValue)}{' '}
                    <span className="text-xs text-slate-400">{s.objectiveMetric}</span>
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">{formatDate(s.startedAt)}</td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {formatDuration(secondsBetween(s.startedAt, s.finishedAt))}
                  </td>
                  <td className="px-3 py-2">
                    <SweepActions
                      id={s.id}
                      status={s.status}
                      name={s.name}
                      archived={s.archivedAt !== null}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
