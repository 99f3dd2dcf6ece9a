import { sweepSpecOf } from '@sweepwise/sweeps';
import { getDb, loadTrialComparison } from '@sweepwise/db';
import { CompareView } from '@/components/compare/compare-view';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { compareQuerySchema } from '@/lib/api/params';
import { orNotFound } from '@/lib/not-found';

export const dynamic = 'force-dynamic';

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const query = compareQuerySchema.safeParse(await searchParams);
  if (!query.success) {
    return (
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">Compare trials</h1>
        <EmptyState>
          Tick 2 to 10 trials in a sweep&apos;s trial table and press Compare.
        </EmptyState>
        {(await searchParams).trials !== undefined && (
          <ErrorState title="These trials cannot be compared.">
            {query.error.issues.map((i) => i.message).join('; ')}
          </ErrorState>
        )}
      </section>
    );
  }
  const compared = await orNotFound(loadTrialComparison(getDb(), query.data.trials));
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Compare {compared.length} trials</h1>
      <CompareView
        trials={compared.map(({ trial, curves }) => ({
          sweepId: trial.sweep.id,
          sweepName: trial.sweep.name,
          objectiveMetric: sweepSpecOf(trial.sweep).metric.name,
          number: trial.number,
          state: trial.state,
          value: trial.value,
          params: (trial.params ?? {}) as Record<string, unknown>,
          curves,
        }))}
      />
    </section>
  );
}
