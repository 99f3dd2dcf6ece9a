import { pbtOverview, sweepSpecOf } from '@sweepwise/sweeps';
import { notFound } from 'next/navigation';
import {
  getDb,
  getParameterImportance,
  getSweepSettingsOrThrow,
  listStopDecisions,
  listTestEvaluations,
  loadSweepCurves,
  loadTrialTable,
  pickCurveTrials,
  findSweepSummary,
  pbtHistory,
  UPDATE_OVERLAP_MS,
} from '@sweepwise/db';
import { BenchmarkPanel } from '@/components/benchmark/benchmark-panel';
import { SweepDashboard } from '@/components/sweep/sweep-dashboard';
import { loadBenchmarkView } from '@/lib/benchmark-view';
import { STOP_LOG_PAGE } from '@/lib/page-sizes';
import type { SpaceView } from '@/lib/charts/param-axis';
import { orNotFound } from '@/lib/not-found';
import { sweepWaiting } from '@/lib/sweep-waiting';

export const dynamic = 'force-dynamic';

/** Server side of the sweep page: loads what is drawn once; the client then polls for changes. */
export default async function SweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  // Taken before the reads, so anything written while they run is in the first poll.
  const cursor = new Date(Date.now() - UPDATE_OVERLAP_MS).toISOString();
  const sweep = await orNotFound(getSweepSettingsOrThrow(db, id));
  const spec = sweepSpecOf(sweep);
  const space = spec.parameters as SpaceView;
  const [summary, table, importance, decisions, tests, waiting] = await Promise.all([
    findSweepSummary(db, id),
    loadTrialTable(db, id, { paramNames: Object.keys(space) }),
    getParameterImportance(db, id),
    listStopDecisions(db, id, { decision: 'stop', limit: STOP_LOG_PAGE }),
    listTestEvaluations(db, id),
    sweepWaiting(sweep),
  ]);
  if (!summary) notFound();
  const curves = await loadSweepCurves(
    db,
    id,
    spec.metric.name,
    pickCurveTrials(table, spec.metric.goal),
  );
  const algorithm = spec.algorithm.type;
  const pbt = algorithm === 'pbt' ? pbtOverview(await pbtHistory(db, id)) : null;
  const benchmark = 'engine' in spec.workload ? spec.workload.benchmark : undefined;
  const benchmarkView = benchmark ? await loadBenchmarkView(db, id, benchmark) : null;
  const dashboard = (
    <SweepDashboard
      sweep={{
        id,
        name: sweep.name,
        algorithm,
        space,
        error: sweep.error,
        spec: { metric: spec.metric, metrics: spec.metrics, constraints: spec.constraints },
      }}
      summary={summary}
      waiting={waiting}
      table={table}
      curves={curves}
      decisions={decisions}
      importance={importance}
      testSetUses={tests.uses}
      cursor={cursor}
      pbt={pbt}
    />
  );
  if (!benchmarkView) return dashboard;
  return (
    <div className="space-y-4">
      {dashboard}
      <BenchmarkPanel sweepId={id} view={benchmarkView} />
    </div>
  );
}
