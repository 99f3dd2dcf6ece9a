import Link from 'next/link';
import { getDb } from '@sweepwise/db';
import { liveWorkerEntries } from '@sweepwise/queue';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState } from '@/components/ui/states';
import { getRedis, redisPrefix } from '@/lib/redis';

export const dynamic = 'force-dynamic';

/**
 * The workers alive now (their entries in the Redis registry, renewed every heartbeat), their
 * trial slots, what they accept and which trials they run, as of their last beat.
 */
export default async function StatusPage() {
  const workers = await liveWorkerEntries(getRedis(), redisPrefix());
  const trialIds = workers.flatMap((w) => w.running);
  const trials = await getDb().trial.findMany({
    where: { id: { in: trialIds } },
    select: { id: true, number: true, sweep: { select: { id: true, name: true } } },
  });
  const trialById = new Map(trials.map((t) => [t.id, t]));
  const now = Date.now();
  return (
    <section>
      <AutoRefresh active />
      <h1 className="mb-4 text-2xl font-semibold">Status</h1>
      <p className="mb-3 text-sm text-slate-600" data-testid="workers-alive">
        {workers.length} {workers.length === 1 ? 'worker' : 'workers'} alive,{' '}
        {workers.reduce((n, w) => n + (w.slots ?? 0), 0)} trial slots, {trialIds.length} running
        trials
      </p>
      {workers.length === 0 ? (
        <EmptyState>
          No worker is alive. Start one with <code>node apps/worker/dist/main.js</code> (README
          &ldquo;Deployment&rdquo;).
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-sm" aria-label="workers">
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="px-3 py-2">Worker</th>
                <th className="px-3 py-2">Slots</th>
                <th className="px-3 py-2">Commands</th>
                <th className="px-3 py-2">Last beat</th>
                <th className="px-3 py-2">Running</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((w) => (
                <tr key={w.workerId} className="border-t border-slate-100" data-testid="worker-row">
                  <td className="px-3 py-2 font-mono">{w.workerId}</td>
                  <td className="px-3 py-2">{w.slots ?? '–'}</td>
                  <td className="px-3 py-2">
                    {!w.commands ? 'no' : w.programs ? w.programs.join(', ') : 'any program'}
                  </td>
                  <td className="px-3 py-2">
                    {w.beatAt === null ? '–' : `${Math.round((now - w.beatAt) / 1000)} s ago`}
                  </td>
                  <td className="px-3 py-2">
                    {w.running.length === 0
                      ? 'idle'
                      : w.running.map((id) => {
                          const t = trialById.get(id);
                          return t ? (
                            <Link
                              key={id}
                              href={`/sweeps/${t.sweep.id}`}
                              className="mr-2 text-blue-800 hover:underline"
                            >
                              {t.sweep.name} #{t.number}
                            </Link>
                          ) : (
                            <span key={id} className="mr-2 font-mono">
                              {id}
                            </span>
                          );
                        })}
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
