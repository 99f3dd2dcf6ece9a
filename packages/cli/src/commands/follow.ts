import { getSweepOrThrow, type Db, type Sweep } from '@sweepwise/db';
import { sweepSpecOf } from '@sweepwise/sweeps';
import type { SweepEnd, SweepRunResult, TrialView } from '../in-memory/run-sweep.js';
import { bestTrial } from '../in-memory/run-sweep.js';
import { ProgressView } from '../progress.js';

import { withDb } from './platform.js';

export const FOLLOW_DEFAULTS = { pollIntervalMs: 1_000, idleHintMs: 10_000 } as const;
const FINAL_STATUSES = new Set(['finished', 'cancelled', 'failed']);

/** The sweep and its trials as the terminal shows them, read from the database. */
export async function sweepSnapshot(
  db: Db,
  sweepId: string,
): Promise<{ sweep: Sweep; trials: TrialView[]; stepsUsed: number }> {
  const sweep = await getSweepOrThrow(db, sweepId);
  const metric = sweepSpecOf(sweep).metric.name;
  const rows = await db.trial.findMany({ where: { sweepId }, orderBy: { number: 'asc' } });
  // The latest report of the objective per trial, and how many steps each trial ran.
  const latest = await db.curvePoint.findMany({
    where: { trial: { sweepId }, metric },
    orderBy: [{ trialId: 'asc' }, { step: 'desc' }],
    distinct: ['trialId'],
  });
  const counts = await db.curvePoint.groupBy({
    by: ['trialId'],
    where: { trial: { sweepId }, metric },
    _count: { _all: true },
  });
  const latestOf = new Map(latest.map((p) => [p.trialId, p]));
  const stepsOf = new Map(counts.map((c) => [c.trialId, c._count._all]));
  const trials: TrialView[] = rows
    // Queued trials have not started: the view shows what runs and what ran.
    .flatMap((t) => (t.state === 'queued' ? [] : [{ ...t, state: t.state }]))
    .map((t) => ({
      number: t.number,
      params: t.params as TrialView['params'],
      state: t.state,
      value: t.value ?? latestOf.get(t.id)?.value ?? null,
      step: t.stoppedAt ?? latestOf.get(t.id)?.step ?? null,
      steps: stepsOf.get(t.id) ?? 0,
      reason: t.stopReason ?? t.error ?? null,
      startedAt: t.startedAt?.getTime() ?? Date.now(),
      finishedAt: t.finishedAt?.getTime() ?? null,
      metrics: t.metrics as TrialView['metrics'],
    }));
  return { sweep, trials, stepsUsed: trials.reduce((s, t) => s + t.steps, 0) };
}

async function resultOf(
  db: Db,
  sweep: Sweep,
  trials: TrialView[],
  stepsUsed: number,
): Promise<SweepRunResult> {
  const ended: SweepEnd =
    sweep.status === 'cancelled' ? 'cancelled' : sweep.status === 'failed' ? 'failed' : 'budget';
  const start = sweep.startedAt ?? sweep.createdAt;
  const decisions = await db.stopDecision.findMany({
    where: { trial: { sweepId: sweep.id } },
    select: {
      step: true,
      rule: true,
      decision: true,
      reason: true,
      trial: { select: { number: true } },
    },
    orderBy: [{ trial: { number: 'asc' } }, { step: 'asc' }],
  });
  return {
    trials,
    best: bestTrial(trials, sweepSpecOf(sweep)),
    stepsUsed,
    wallS: ((sweep.finishedAt ?? new Date()).getTime() - start.getTime()) / 1000,
    ended,
    error: sweep.status === 'failed' ? sweep.error : null,
    stopDecisions: decisions.map(({ trial, decision, ...d }) => ({
      number: trial.number,
      decision: decision === 'stop' ? 'stop' : 'continue',
      ...d,
    })),
  };
}

/**
 * Follows a platform sweep until it ends: the same live view as --in-memory, fed from the
 * database; a sweep that ends failed or cancelled rejects (exit code 1). Ctrl-C stops following
 * only; the sweep goes on in the workers.
 */
export function followSweep(sweepId: string, options: { json: boolean }): Promise<void> {
  return withDb(async (db) => {
    const first = await sweepSnapshot(db, sweepId);
    const body = sweepSpecOf(first.sweep);
    const view = options.json ? null : new ProgressView(body, process.stdout);
    let stopFollowing = false;
    const onSigint = () => (stopFollowing = true);
    process.once('SIGINT', onSigint);
    const seen = new Map<number, string>();
    const since = Date.now();
    let hinted = false;
    try {
      for (;;) {
        const { sweep, trials, stepsUsed } = await sweepSnapshot(db, sweepId);
        if (!hinted && trials.length === 0 && Date.now() - since > FOLLOW_DEFAULTS.idleHintMs) {
          hinted = true;
          console.error(
            `no trial has started yet: is a worker running? Start one with \`npm start\` or ` +
              `\`sweepwise agent ${sweepId}\` (Ctrl-C stops following; the sweep stays stored).`,
          );
        }
        for (const t of trials) {
          const key = `${t.state}:${t.step}:${t.value}`;
          if (seen.get(t.number) === key) continue;
          seen.set(t.number, key);
          view?.update({
            type: t.state === 'running' ? 'trial-reported' : 'trial-finished',
            trial: t,
          });
        }
        if (FINAL_STATUSES.has(sweep.status) || stopFollowing) {
          const result = await resultOf(db, sweep, trials, stepsUsed);
          if (view) view.finish(result);
          else console.log(JSON.stringify({ sweepId, status: sweep.status, ...result }));
          if (stopFollowing && !FINAL_STATUSES.has(sweep.status))
            console.error(`still running in the workers; see it with: sweepwise status ${sweepId}`);
          // A script waiting on the sweep learns from the exit code that it did not finish.
          if (sweep.status === 'failed' || sweep.status === 'cancelled')
            throw new Error(
              `sweep ${sweepId} ${sweep.status}${sweep.error ? `: ${sweep.error}` : ''}`,
            );
          return;
        }
        await new Promise((r) => setTimeout(r, FOLLOW_DEFAULTS.pollIntervalMs));
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}
