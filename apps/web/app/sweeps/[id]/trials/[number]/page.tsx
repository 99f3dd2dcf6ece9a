import { sweepSpecOf } from '@sweepwise/sweeps';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb, getTrialDetail } from '@sweepwise/db';
import { StopLog } from '@/components/sweep/stop-log';
import { FinalMetrics } from '@/components/trial/final-metrics';
import { TrialCurves } from '@/components/trial/trial-curves';
import { DetailList } from '@/components/ui/detail-list';
import { StateBadge } from '@/components/ui/state-badge';
import { Card } from '@/components/ui/states';
import { formatDate, formatDuration, formatParam, formatValue, secondsBetween } from '@/lib/format';
import { orNotFound } from '@/lib/not-found';
import { withoutStackFrames } from '@/lib/error-text';

export const dynamic = 'force-dynamic';

export default async function TrialPage({
  params,
}: {
  params: Promise<{ id: string; number: string }>;
}) {
  const { id, number } = await params;
  if (!/^\d+$/.test(number)) notFound();
  const { trial, curves, decisions, testEvaluation } = await orNotFound(
    getTrialDetail(getDb(), { sweepId: id, number: Number(number) }),
  );
  const metrics = (trial.metrics ?? {}) as Record<string, unknown>;
  const { metric } = sweepSpecOf(trial.sweep);
  const timings: [string, string][] = [
    ['Queued', formatDate(trial.queuedAt)],
    ['Started', formatDate(trial.startedAt)],
    ['Finished', formatDate(trial.finishedAt)],
    ['Duration', formatDuration(secondsBetween(trial.startedAt, trial.finishedAt))],
    ['Last heartbeat', formatDate(trial.heartbeatAt)],
    ['Worker', trial.workerId ?? '—'],
    ['Attempts', String(trial.attempts)],
    ['Checkpoints', String(trial._count.checkpoints)],
  ];
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm">
          <Link href={`/sweeps/${trial.sweep.id}`} className="text-blue-800 hover:underline">
            {trial.sweep.name}
          </Link>
        </p>
        <h1 className="flex items-center gap-3 text-2xl font-semibold">
          Trial #{trial.number} <StateBadge state={trial.state} />
        </h1>
        <p className="text-sm text-slate-600">
          {metric.name} ({metric.goal}): <strong>{formatValue(trial.value)}</strong>
          <Link
            href={`/sweeps/${trial.sweep.id}/promote?trial=${trial.number}`}
            className="ml-3 text-emerald-800 underline"
          >
            Promote this trial…
          </Link>
        </p>
      </header>
      {trial.state === 'pruned' && (
        <div
          role="status"
          data-testid="stop-reason"
          className="rounded border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900"
        >
          Stopped early at step {trial.stoppedAt ?? '?'}: {trial.stopReason ?? 'no reason recorded'}
        </div>
      )}
      {trial.error && (
        <Card title="Error">
          <pre className="whitespace-pre-wrap text-xs text-red-800">
            {withoutStackFrames(trial.error)}
          </pre>
        </Card>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Configuration">
          <DetailList
            testId="trial-params"
            entries={Object.entries((trial.params ?? {}) as Record<string, unknown>).map(
              ([k, v]) => [k, formatParam(v)] as const,
            )}
          />
        </Card>
        <Card title="Final metrics">
          <FinalMetrics metrics={metrics} />
        </Card>
        <Card title="Run">
          <DetailList entries={timings} />
        </Card>
      </div>
      <Card title="Curves">
        <TrialCurves curves={curves} />
      </Card>
      <Card title="Stopping decisions">
        <StopLog sweepId={trial.sweep.id} decisions={decisions} pageSize={decisions.length + 1} />
      </Card>
      {testEvaluation && (
        <Card title="Test evaluation">
          <p className="text-sm">
            Promoted as use #{testEvaluation.sequence} of the test set,{' '}
            {formatDate(testEvaluation.createdAt)} by {testEvaluation.requestedBy}.{' '}
            <Link href={`/sweeps/${trial.sweep.id}/promote`} className="text-blue-800 underline">
              Details
            </Link>
          </p>
        </Card>
      )}
    </div>
  );
}
