'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { PbtOverview } from '@sweepwise/sweeps';
import type {
  DrawnCurve,
  PbtEventRow,
  StopDecisionRow,
  SweepImportance,
  SweepSummary,
  SweepUpdates,
  TrialTable,
} from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps/spec';
import { ContourPlot } from '@/components/charts/contour-plot';
import { CurvesChart } from '@/components/charts/curves-chart';
import { HistoryChart } from '@/components/charts/history-chart';
import { ImportanceBars } from '@/components/charts/importance-bars';
import { ParallelCoordinates } from '@/components/charts/parallel-coordinates';
import { SlicePlots } from '@/components/charts/slice-plots';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StateBadge } from '@/components/ui/state-badge';
import { ClientOnly } from '@/components/ui/client-only';
import { Card } from '@/components/ui/states';
import type { SpaceView } from '@/lib/charts/param-axis';
import { callApi } from '@/lib/client-api';
import { formatValue } from '@/lib/format';
import { STOP_LOG_PAGE } from '@/lib/page-sizes';
import { bestIndex, mergeCurves, mergeTrialTable } from '@/lib/sweep-live';
import { ParetoPanel } from './pareto-panel';
import { PbtPanel } from './pbt-panel';
import { StopLog } from './stop-log';
import { SweepActions } from './sweep-actions';
import { TrialTableView } from './trial-table';

/** Poll period while a sweep can still change; each poll sends only what changed. */
const POLL_MS = 2000;
const LIVE_STATUSES = new Set(['draft', 'running', 'paused']);
/** Curves kept on the overlay as live trials join it (the server's pick is ~120). */
const MAX_LIVE_CURVES = 200;

export interface SweepDashboardProps {
  sweep: {
    id: string;
    name: string;
    algorithm: string;
    space: SpaceView;
    error: string | null;
    /** Its objectives and bounds: the best is feasible; several objectives have a front. */
    spec: Pick<SweepSpec, 'metric' | 'metrics' | 'constraints'>;
  };
  /** Why the trials wait for a worker (a command no live worker accepts), or null. */
  waiting: string | null;
  summary: SweepSummary;
  table: TrialTable;
  curves: DrawnCurve[];
  decisions: StopDecisionRow[];
  importance: SweepImportance;
  testSetUses: number;
  cursor: string;
  /** A PBT sweep's population: its exploits are marked on the learning curves. */
  pbt: PbtOverview<PbtEventRow> | null;
}

/** The sweep page's live part: holds the data, polls for changes, hands each chart its slice. */
export function SweepDashboard(props: SweepDashboardProps) {
  const { sweep } = props;
  const router = useRouter();
  const [summary, setSummary] = useState(props.summary);
  const [table, setTable] = useState(props.table);
  const [curves, setCurves] = useState(props.curves);
  const [decisions, setDecisions] = useState(props.decisions);
  const [importance, setImportance] = useState(props.importance);
  const [pbt, setPbt] = useState(props.pbt);
  const [brushed, setBrushed] = useState<Set<number> | null>(null);
  const [offline, setOffline] = useState(false);
  const [waiting, setWaiting] = useState(props.waiting);
  const live = LIVE_STATUSES.has(summary.status);

  useEffect(() => {
    if (!live) return;
    let cursor = props.cursor;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    async function poll() {
      const result = await callApi<
        Omit<SweepUpdates, 'pbt'> & { pbt: PbtOverview<PbtEventRow> | null; waiting: string | null }
      >(`/api/v1/sweeps/${sweep.id}/updates?after=${encodeURIComponent(cursor)}`);
      if (stopped) return;
      setOffline(!result.ok);
      if (result.ok) {
        const u = result.data;
        cursor = u.cursor;
        setSummary(u.summary);
        setWaiting(u.waiting);
        setTable((t) => mergeTrialTable(t, u.trials));
        setCurves((c) => trimCurves(mergeCurves(c, u.curves)));
        if (u.pbt) setPbt(u.pbt);
        if (u.decisions.length) {
          setDecisions((d) => {
            const seen = new Set(d.map((x) => x.id));
            return [...u.decisions.filter((x) => !seen.has(x.id)), ...d];
          });
        }
        if (!LIVE_STATUSES.has(u.summary.status)) return;
      }
      timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [live, sweep.id, props.cursor]);

  // Importance is cached server-side by completed trials: refetch only when that number moves.
  const completed = useMemo(() => table.states.filter((s) => s === 'completed').length, [table]);
  useEffect(() => {
    if (completed === importance.completedTrials) return;
    callApi<SweepImportance>(`/api/v1/sweeps/${sweep.id}/importance`).then(
      (r) => r.ok && setImportance(r.data),
    );
  }, [completed, importance.completedTrials, sweep.id]);

  const best = bestIndex(table, sweep.spec);
  const bestNumber = best >= 0 ? table.numbers[best] : null;
  const open = (n: number) => router.push(`/sweeps/${sweep.id}/trials/${n}`);

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{sweep.name}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-600">
            <StateBadge state={summary.status} />
            <span>{sweep.algorithm}</span>
            <span>
              {summary.direction} <strong>{summary.objectiveMetric}</strong>
            </span>
            <ProgressBar
              done={summary.trialsDone}
              total={summary.maxTrials}
              running={summary.trialsRunning}
            />
            <span data-testid="best-value">
              best {formatValue(summary.bestValue)}
              {bestNumber !== null && (
                <Link
                  href={`/sweeps/${sweep.id}/trials/${bestNumber}`}
                  className="ml-1 text-blue-800 underline"
                >
                  #{bestNumber}
                </Link>
              )}
            </span>
            {live && (
              <span className="text-xs text-blue-700">{offline ? 'reconnecting…' : '● live'}</span>
            )}
          </div>
          {waiting && (
            <p role="status" data-testid="sweep-waiting" className="mt-1 text-sm text-amber-800">
              {waiting}
            </p>
          )}
          {sweep.error && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {sweep.error}
            </p>
          )}
        </div>
        <div className="flex items-center gap-2">
          <SweepActions
            id={sweep.id}
            status={summary.status}
            name={sweep.name}
            archived={summary.archivedAt != null}
            leaveOnDelete="/sweeps"
          />
          <a
            href={`/api/v1/sweeps/${sweep.id}/export`}
            download
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs"
          >
            Export YAML
          </a>
          <Link
            href={`/sweeps/${sweep.id}/promote`}
            className="rounded bg-emerald-700 px-2 py-0.5 text-xs text-white"
          >
            Promote…
          </Link>
        </div>
      </header>
      {props.testSetUses > 1 && (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
        >
          Test set used {props.testSetUses} times in this sweep. Choosing between promoted models by
          test score overfits the test set.
        </p>
      )}
      {(sweep.spec.metrics?.length ?? 1) > 1 && (
        <ParetoPanel sweepId={sweep.id} spec={sweep.spec} table={table} onOpen={open} />
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Optimization history">
          <ClientOnly>
            <HistoryChart
              table={table}
              direction={summary.direction}
              metric={summary.objectiveMetric}
              onOpen={open}
            />
          </ClientOnly>
        </Card>
        <Card title="Learning curves">
          <ClientOnly>
            <CurvesChart
              curves={curves}
              metric={summary.objectiveMetric}
              bestNumber={bestNumber}
              exploits={pbt?.events}
              onOpen={open}
            />
          </ClientOnly>
        </Card>
      </div>
      <Card title="Parallel coordinates">
        <ClientOnly later height={280}>
          <ParallelCoordinates
            table={table}
            space={sweep.space}
            metric={summary.objectiveMetric}
            direction={summary.direction}
            onBrush={setBrushed}
          />
        </ClientOnly>
      </Card>
      <Card title="Slices">
        <ClientOnly later height={170}>
          <SlicePlots table={table} space={sweep.space} metric={summary.objectiveMetric} />
        </ClientOnly>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Contour">
          <ClientOnly later height={320}>
            <ContourPlot table={table} space={sweep.space} direction={summary.direction} />
          </ClientOnly>
        </Card>
        <Card title="Parameter importance">
          <ImportanceBars importance={importance} />
        </Card>
      </div>
      <Card title="Trials">
        <ClientOnly>
          <TrialTableView sweepId={sweep.id} table={table} only={brushed} />
        </ClientOnly>
      </Card>
      <Card title="Early-stopping log">
        <StopLog sweepId={sweep.id} decisions={decisions} pageSize={STOP_LOG_PAGE} />
      </Card>
      {pbt && <PbtPanel sweepId={sweep.id} overview={pbt} />}
    </div>
  );
}

/** Keeps the overlay readable as live trials join: drops the oldest finished curves first. */
function trimCurves(curves: DrawnCurve[]): DrawnCurve[] {
  if (curves.length <= MAX_LIVE_CURVES) return curves;
  const excess = curves.length - MAX_LIVE_CURVES;
  const drop = new Set(
    curves
      .filter((c) => c.state !== 'running')
      .slice(0, excess)
      .map((c) => c.number),
  );
  return curves.filter((c) => !drop.has(c.number));
}
