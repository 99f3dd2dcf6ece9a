import { objectivesOf, paretoFrontOf, sweepSpecOf, type SweepSpec } from '@sweepwise/sweeps';
import Link from 'next/link';
import {
  getDb,
  getSweepSettingsOrThrow,
  listBestTrials,
  listTestEvaluations,
  PROMOTABLE_SWEEP_STATUSES,
} from '@sweepwise/db';
import { PromotePanel } from '@/components/promote/promote-panel';
import { TestEvaluationView } from '@/components/promote/test-evaluation-view';
import { Card, EmptyState } from '@/components/ui/states';
import { formatValue } from '@/lib/format';
import { orNotFound } from '@/lib/not-found';

export const dynamic = 'force-dynamic';

/** Promote a trial to the single held-out test evaluation, and the audit trail of every use. */
export default async function PromotePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ trial?: string }>;
}) {
  const { id } = await params;
  const { trial } = await searchParams;
  const db = getDb();
  const sweep = await orNotFound(getSweepSettingsOrThrow(db, id));
  const spec = sweepSpecOf(sweep);
  const [candidates, tests] = await Promise.all([
    objectivesOf(spec).length > 1
      ? frontCandidates(db, id, spec)
      : listBestTrials(db, id, spec.metric.goal, 20),
    listTestEvaluations(db, id),
  ]);
  const chosen =
    trial === undefined
      ? undefined
      : await db.trial.findUnique({
          where: { sweepId_number: { sweepId: id, number: Number(trial) } },
        });
  const options =
    chosen &&
    chosen.state === 'completed' &&
    chosen.value !== null &&
    !candidates.some((c) => c.id === chosen.id)
      ? [...candidates, { id: chosen.id, number: chosen.number, value: chosen.value, params: {} }]
      : candidates;
  const promotable = PROMOTABLE_SWEEP_STATUSES.includes(sweep.status)
    ? null
    : `The sweep is ${sweep.status}: promote once it has ended, so no test score can steer the search.`;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/sweeps/${id}`} className="text-blue-800 hover:underline">
          {sweep.name}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Promote to the test set</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        The chosen configuration is retrained with the same seed and evaluated once on the held-out
        test split. Choose by validation score; the test score is the report, not a selection
        criterion.
      </p>
      <p data-testid="test-set-uses" className="text-sm font-medium">
        Test set used {tests.uses} {tests.uses === 1 ? 'time' : 'times'} in this sweep.
      </p>
      {tests.warning && (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
        >
          {tests.warning}
        </p>
      )}
      <Card title="Promote">
        <PromotePanel
          sweepId={id}
          candidates={options}
          several={objectivesOf(spec).length > 1}
          initialTrial={chosen?.id ?? null}
          promotable={promotable}
          uses={tests.uses}
        />
      </Card>
      <section className="space-y-3" aria-label="test evaluations">
        <h2 className="text-sm font-semibold text-slate-700">Audit trail</h2>
        {tests.evaluations.length === 0 ? (
          <EmptyState>The test set of this sweep has not been used.</EmptyState>
        ) : (
          tests.evaluations.map((e) => (
            <TestEvaluationView key={e.id} sweepId={id} evaluation={e} />
          ))
        )}
      </section>
    </div>
  );
}

/** A sweep with several objectives promotes a trial of its front, each labelled with its values. */
async function frontCandidates(db: ReturnType<typeof getDb>, sweepId: string, spec: SweepSpec) {
  const completed = await db.trial.findMany({
    where: { sweepId, state: 'completed' },
    select: { id: true, number: true, value: true, metrics: true },
    orderBy: { number: 'asc' },
  });
  const objectives = objectivesOf(spec);
  return paretoFrontOf(spec, completed).map((t) => {
    const metrics = (t.metrics ?? {}) as Record<string, number>;
    return {
      id: t.id,
      number: t.number,
      value: t.value ?? Number.NaN,
      label: objectives.map((o) => `${o.name} ${formatValue(metrics[o.name])}`).join(', '),
    };
  });
}
