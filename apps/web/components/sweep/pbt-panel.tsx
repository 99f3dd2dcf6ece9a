import Link from 'next/link';
import type { PbtEventRow } from '@sweepwise/db';
import type { PbtOverview } from '@sweepwise/sweeps';
import { formatParam } from '@/lib/format';
import { pbtChanges } from './pbt-changes';

/**
 * Population-based training: every exploit/explore event (who copied whom at which step, and the
 * explored params) and the best member's lineage and replayable hyperparameter schedule.
 */
export function PbtPanel({
  sweepId,
  overview,
}: {
  sweepId: string;
  overview: PbtOverview<PbtEventRow>;
}) {
  const trialLink = (number: number) => (
    <Link href={`/sweeps/${sweepId}/trials/${number}`} className="text-sky-700 hover:underline">
      #{number}
    </Link>
  );
  const best = overview.best;
  return (
    <section
      aria-label="population"
      className="grid gap-4 rounded border border-slate-200 bg-white p-4 md:grid-cols-2"
    >
      <div>
        <h2 className="mb-2 text-sm font-semibold">
          Exploit and explore ({overview.events.length})
        </h2>
        {overview.events.length === 0 ? (
          <p className="text-sm text-slate-500">No member has copied another yet.</p>
        ) : (
          <table className="w-full text-left text-xs" aria-label="pbt events">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">Step</th>
                <th>Member</th>
                <th>Copied</th>
                <th>Explored</th>
              </tr>
            </thead>
            <tbody>
              {overview.events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="py-1">{e.step}</td>
                  <td>{trialLink(e.trialNumber)}</td>
                  <td>
                    {trialLink(e.sourceNumber)}
                    {e.reason === 'diverged' && ' (diverged)'}
                  </td>
                  <td>{pbtChanges(e.oldParams, e.newParams).join('; ') || 'no change'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div>
        <h2 className="mb-2 text-sm font-semibold">Best member</h2>
        {best === null ? (
          <p className="text-sm text-slate-500">No member has completed yet.</p>
        ) : (
          <div className="space-y-2 text-xs" data-testid="pbt-best">
            <p>
              {trialLink(best.schedule.number)} started from the initialization of{' '}
              {trialLink(best.schedule.originNumber)}
              {best.lineage.length > 0 &&
                `, then copied ${best.lineage.map((e) => `#${e.sourceNumber} at step ${e.step}`).join(', ')}`}
              .
            </p>
            <p className="text-slate-500">
              Its hyperparameter schedule (re-running it from scratch reproduces its curve):
            </p>
            <ol className="list-inside list-decimal">
              {best.schedule.segments.map((s) => (
                <li key={s.fromStep}>
                  from epoch {s.fromStep}:{' '}
                  {Object.entries(s.params)
                    .map(([k, v]) => `${k} ${formatParam(v)}`)
                    .join(', ')}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </section>
  );
}
