import { sweepSpecOf } from '@sweepwise/sweeps';
import { randomUUID } from 'node:crypto';
import {
  assertNoTestMetrics,
  claimTrial,
  finishTrial,
  getDb,
  getSweepOrThrow,
  getTrialOrThrow,
  heartbeatTrials,
  listStopDecisions,
  queuedTrials,
  upsertCurvePoints,
  type TrialOutcome,
} from '@sweepwise/db';
import { sendToController } from '@sweepwise/queue';
import { getRedis, redisPrefix } from '../redis';
import { ApiError } from './errors';

/**
 * Trials run by the user's own code through the SDK (ask / report / shouldStop / tell). The sweep's
 * controller, in a worker process, stays the only one that samples and judges: `ask` takes a
 * trial it queued, `report` stores the points and forwards the objective to it, and its stop
 * decisions, stored in the database, are what `report` and `shouldStop` answer.
 */

/** Worker ids of SDK clients, so the trial table says who ran a trial. */
export const SDK_WORKER_PREFIX = 'sdk:';

export interface StopAdvice {
  stop: boolean;
  rule: string | null;
  reason: string | null;
}

/** Takes the sweep's next queued trial for an SDK client. */
export async function askTrial(sweepId: string, client: string) {
  const db = getDb();
  const sweep = await getSweepOrThrow(db, sweepId);
  if (sweep.status !== 'running') {
    throw new ApiError(409, 'conflict', `the sweep is ${sweep.status}: no trial is handed out`);
  }
  const workerId = `${SDK_WORKER_PREFIX}${client}`;
  for (const queued of await queuedTrials(db, sweepId)) {
    const claimed = await claimTrial(db, queued.id, workerId);
    if (claimed) return { trialId: claimed.id, number: claimed.number, params: claimed.params };
  }
  throw new ApiError(
    409,
    'no_trial',
    'no trial is queued right now (the budget is used, or the controller has not queued the next one: retry in a second)',
  );
}

async function runningTrial(trialId: string) {
  const trial = await getTrialOrThrow(getDb(), { id: trialId });
  if (trial.state !== 'running' || !trial.workerId) {
    throw new ApiError(409, 'conflict', `trial ${trial.number} is ${trial.state}, not running`);
  }
  return trial;
}

/** Stores one step's metrics, keeps the trial alive, and hands the objective to the controller. */
export async function reportTrial(trialId: string, step: number, metrics: Record<string, number>) {
  const db = getDb();
  const trial = await runningTrial(trialId);
  assertNoTestMetrics(metrics);
  await upsertCurvePoints(
    db,
    Object.entries(metrics).map(([metric, value]) => ({ trialId, metric, step, value })),
  );
  await heartbeatTrials(db, trial.workerId!, [trialId]);
  const value = metrics[sweepSpecOf(trial.sweep).metric.name];
  await sendToController(getRedis(), redisPrefix(), trial.sweepId, {
    type: 'report',
    requestId: randomUUID(),
    // Nobody listens there: the decision is read back from the database (see shouldStop).
    replyTo: trial.workerId!,
    trialId,
    tunerTrialId: trial.tunerTrialId ?? String(trial.number),
    step,
    value: typeof value === 'number' && Number.isFinite(value) ? value : null,
  });
  return shouldStop(trialId);
}

/**
 * Keeps the trial alive between reports: one that neither reports nor beats for the worker's
 * SWEEPWISE_STALE_AFTER_MS is handed out again. Answers whether to stop, as shouldStop.
 */
export async function heartbeatTrial(trialId: string): Promise<StopAdvice> {
  const trial = await runningTrial(trialId);
  await heartbeatTrials(getDb(), trial.workerId!, [trialId]);
  return shouldStop(trialId);
}

/** Whether the trial should end: its stopping rule said so, or its sweep was cancelled. */
export async function shouldStop(trialId: string): Promise<StopAdvice> {
  const db = getDb();
  const trial = await getTrialOrThrow(db, { id: trialId });
  if (trial.sweep.status === 'cancelled')
    return { stop: true, rule: 'cancel', reason: 'the sweep was cancelled' };
  if (trial.state === 'pruned' || trial.state === 'cancelled') {
    return { stop: true, rule: trial.state, reason: trial.stopReason };
  }
  const [decision] = await listStopDecisions(db, trial.sweepId, {
    trialNumber: trial.number,
    decision: 'stop',
    limit: 1,
  });
  return decision
    ? { stop: true, rule: decision.rule, reason: decision.reason }
    : { stop: false, rule: null, reason: null };
}

export type TellBody = { value: number } | { state: 'failed' | 'pruned'; error?: string };

/** Ends the trial with its final value, or as failed/pruned; the controller then queues the next. */
export async function tellTrial(trialId: string, body: TellBody) {
  const db = getDb();
  const trial = await runningTrial(trialId);
  let outcome: TrialOutcome;
  if ('value' in body) {
    outcome = {
      state: 'completed',
      value: body.value,
      metrics: { [sweepSpecOf(trial.sweep).metric.name]: body.value },
    };
  } else if (body.state === 'pruned') {
    const advice = await shouldStop(trialId);
    const [last] = await db.curvePoint.findMany({
      where: { trialId },
      orderBy: { step: 'desc' },
      take: 1,
    });
    outcome = {
      state: 'pruned',
      stoppedAt: last?.step ?? null,
      stopReason: advice.reason ?? 'stopped by the client',
    };
  } else {
    outcome = { state: 'failed', error: body.error ?? 'reported failed by the client' };
  }
  const finished = await finishTrial(db, trialId, trial.workerId!, trial.attempts, outcome);
  if (!finished)
    throw new ApiError(409, 'conflict', `trial ${trial.number} was taken over or ended meanwhile`);
  await sendToController(getRedis(), redisPrefix(), trial.sweepId, { type: 'wake' });
  return { trialId, state: outcome.state };
}
