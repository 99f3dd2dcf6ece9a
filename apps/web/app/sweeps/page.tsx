import { getDb, listSweeps } from '@sweepwise/db';

export const dynamic = 'force-dynamic';

export default async function SweepsPage() {
  const sweeps = await listSweeps(getDb());
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Sweeps</h1>
      {sweeps.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          No sweeps yet.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {sweeps.map((s) => (
            <li key={s.id} className="flex items-center justify-between px-4 py-2">
              <span className="font-medium">{s.name}</span>
              <span className="text-sm text-slate-500">{s.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
