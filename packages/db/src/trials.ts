import type { TrialState } from '@prisma/client';
import type { Db } from './client.js';
import { encodeFloat } from './curves.js';
import { LeaseLostError } from './controller-lease.js';
import { sqlExecute, sqlRows, sqlTransaction } from './sql.js';

/** States a trial never leaves. */
export const TERMINAL_TRIAL_STATES = ['completed', 'pruned', 'failed', 'cancelled'] as const;
export type TerminalTrialState = (typeof TERMINAL_TRIAL_STATES)[number];

export interface NewTrial {
  params: unknown;
  tunerTrialId: string;
}

export interface AllocatedTrial {
  id: string;
  number: number;
  tunerTrialId: string;
}

/**
 * Inserts trials with the next numbers in one transaction, fenced by the controller's token. The sweep row is locked first (the insert runs after the lock, with a
 * fresh snapshot), so numbers are unique and the count never passes maxTrials even if two
 * controllers raced; trials beyond the budget are not inserted. A tuner id is stored once per
 * sweep: repeating an allocation whose answer was lost returns the trials it made.
 */
export async function allocateTrials(
  db: Db,
  sweepId: string,
  controllerToken: string,
  trials: readonly NewTrial[],
): Promise<AllocatedTrial[]> {
  return sqlTransaction(db, async (tx) => {
    const locked = await sqlRows(
      tx,
      `SELECT id FROM "Sweep" WHERE id = $1 AND "controllerToken" = $2 FOR UPDATE`,
      [sweepId, controllerToken],
    );
    if (locked.length === 0) throw new LeaseLostError(sweepId);
    const inserted = await sqlRows<AllocatedTrial>(
      tx,
      `WITH c AS (
         SELECT count(*)::int AS n, coalesce(max(number), -1)::int AS top
         FROM "Trial" WHERE "sweepId" = $1
       )
       INSERT INTO "Trial" (id, "sweepId", number, params, "tunerTrialId", state, "queuedAt")
       SELECT gen_random_uuid()::text, $1, c.top + u.ord::int, u.params, u.tid, 'queued', now()
       FROM c, "Sweep" s, unnest($2::jsonb[], $3::text[]) WITH ORDINALITY AS u(params, tid, ord)
       WHERE s.id = $1 AND u.ord <= (s.spec->'budget'->>'maxTrials')::int - c.n
       ON CONFLICT ("sweepId", "tunerTrialId") DO UPDATE SET "tunerTrialId" = EXCLUDED."tunerTrialId"
       RETURNING id, number, "tunerTrialId"`,
      [sweepId, trials.map((t) => JSON.stringify(t.params)), trials.map((t) => t.tunerTrialId)],
    );
    return inserted.sort((a, b) => a.number - b.number);
  });
}

export interface ClaimedTrial {
  id: string;
  sweepId: string;
  number: number;
  params: Record<string, unknown>;
  attempts: number;
  tunerTrialId: string | null;
}

/** One trial to take, as `claimTrials` takes it; `attempt` as for claimTrial. */
export interface TrialClaim {
  trialId: string;
  workerId: string;
  attempt?: number;
}

/**
 * Takes a queued trial of a running sweep for this worker as attempt `attempt` (the job's; without
 * it, the next attempt). Null when the trial is not waiting for that attempt (a duplicate or
 * outdated job) or its sweep is paused/cancelled: the job is then dropped and the controller
 * re-enqueues the trial when it should run. With `attempt` it is idempotent for the same worker,
 * so a claim whose answer was lost can be retried.
 */
export async function claimTrial(
  db: Db,
  trialId: string,
  workerId: string,
  attempt?: number,
): Promise<ClaimedTrial | null> {
  const claimed = await claimTrials(db, [{ trialId, workerId, attempt }]);
  return claimed.get(trialId) ?? null;
}

/**
 * `claimTrial` for many trials in one statement; returns the trials taken by id. Each trial at
 * most once: an UPDATE changes a row once however many of its rows match.
 */
export async function claimTrials(
  db: Db,
  claims: readonly TrialClaim[],
): Promise<Map<string, ClaimedTrial>> {
  if (claims.length === 0) return new Map();
  const rows = await sqlRows<ClaimedTrial>(
    db,
    `UPDATE "Trial" t SET state = 'running', attempts = coalesce(u.attempt, t.attempts + 1),
       "workerId" = u.worker_id, "heartbeatAt" = now(), "startedAt" = coalesce(t."startedAt", now()),
       error = NULL
     FROM "Sweep" s, unnest($1::text[], $2::text[], $3::int[]) AS u(id, worker_id, attempt)
     WHERE t.id = u.id AND s.id = t."sweepId" AND s.status = 'running'
       AND ((t.state = 'queued' AND (u.attempt IS NULL OR t.attempts = u.attempt - 1))
            OR (t.state = 'running' AND t."workerId" = u.worker_id AND t.attempts = u.attempt))
     RETURNING t.id, t."sweepId", t.number, t.params, t.attempts, t."tunerTrialId"`,
    [distinctTrialIds(claims), claims.map((c) => c.workerId), claims.map((c) => c.attempt ?? null)],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The trials' ids, refused when one repeats (see claimTrials). */
function distinctTrialIds(items: readonly { trialId: string }[]): string[] {
  const ids = items.map((i) => i.trialId);
  if (new Set(ids).size < ids.length) {
    throw new Error('trialId must be distinct within a batch, got one trial twice');
  }
  return ids;
}

export interface TrialOutcome {
  state: TerminalTrialState;
  value?: number | null;
  metrics?: Record<string, unknown> | null;
  stoppedAt?: number | null;
  stopReason?: string | null;
  error?: string | null;
}

/** One trial's end, as `finishTrials` takes it. */
export interface TrialFinish {
  trialId: string;
  workerId: string;
  attempt: number;
  outcome: TrialOutcome;
}

/**
 * Ends the attempt `attempt` of a trial held by `workerId`. False when the worker no longer holds
 * it (it was declared stale and retried elsewhere): the late result is then ignored. Repeating it
 * (an answer lost to a network cut) changes nothing.
 */
export async function finishTrial(
  db: Db,
  trialId: string,
  workerId: string,
  attempt: number,
  outcome: TrialOutcome,
): Promise<boolean> {
  const held = await finishTrials(db, [{ trialId, workerId, attempt, outcome }]);
  return held.has(trialId);
}

/**
 * `finishTrial` for many trials in one statement (one commit instead of one per trial); returns
 * the ids of those still held, i.e. ended by this call or by an identical earlier one. Each trial
 * at most once: an UPDATE changes a row once however many of its rows match.
 */
export async function finishTrials(db: Db, finishes: readonly TrialFinish[]): Promise<Set<string>> {
  if (finishes.length === 0) return new Set();
  const rows = await sqlRows<{ id: string }>(
    db,
    `UPDATE "Trial" t SET state = u.state, value = u.value, metrics = u.metrics,
       "stoppedAt" = u.stopped_at, "stopReason" = u.stop_reason, error = u.error,
       "finishedAt" = now(), "heartbeatAt" = now()
     FROM unnest($1::text[], $2::text[], $3::int[], $4::"TrialState"[], $5::float8[], $6::jsonb[],
                 $7::int[], $8::text[], $9::text[])
       AS u(id, worker_id, attempt, state, value, metrics, stopped_at, stop_reason, error)
     WHERE t.id = u.id AND t."workerId" = u.worker_id AND t.attempts = u.attempt
       AND t.state IN ('running', u.state)
     RETURNING t.id`,
    [
      distinctTrialIds(finishes),
      finishes.map((f) => f.workerId),
      finishes.map((f) => f.attempt),
      finishes.map((f) => f.outcome.state),
      finishes.map((f) => (f.outcome.value == null ? null : encodeFloat(f.outcome.value))),
      finishes.map((f) => (f.outcome.metrics == null ? null : JSON.stringify(f.outcome.metrics))),
      finishes.map((f) => f.outcome.stoppedAt ?? null),
      finishes.map((f) => f.outcome.stopReason ?? null),
      finishes.map((f) => f.outcome.error ?? null),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives a trial back without spending an attempt (graceful shutdown): it is queued again and
 * resumes from its last checkpoint on whichever worker takes it.
 */
export async function releaseTrial(
  db: Db,
  trialId: string,
  workerId: string,
  attempt: number,
): Promise<boolean> {
  const n = await sqlExecute(
    db,
    `UPDATE "Trial" SET state = 'queued', attempts = attempts - 1, "workerId" = NULL,
       "queuedAt" = now()
     WHERE id = $1 AND "workerId" = $2 AND attempts = $3 AND state = 'running'`,
    [trialId, workerId, attempt ?? null],
  );
  return n === 1;
}

/** Refreshes the heartbeat of the trials this worker runs; returns the ids it still holds. */
export async function heartbeatTrials(
  db: Db,
  workerId: string,
  trialIds: readonly string[],
): Promise<string[]> {
  if (trialIds.length === 0) return [];
  const rows = await sqlRows<{ id: string }>(
    db,
    `UPDATE "Trial" SET "heartbeatAt" = now()
     WHERE id = ANY($1::text[]) AND "workerId" = $2 AND state = 'running' RETURNING id`,
    [[...trialIds], workerId],
  );
  return rows.map((r) => r.id);
}

export interface StaleTrial {
  id: string;
  number: number;
  attempts: number;
  state: TrialState;
  tunerTrialId: string | null;
}

/**
 * Running trials whose worker stopped sending heartbeats for `staleAfterMs`: queued again while
 * attempts remain, else failed with the reason. With `cancel`, they are cancelled instead (the
 * sweep is over). Returns the trials changed.
 */
export async function recoverStaleTrials(
  db: Db,
  sweepId: string,
  options: { staleAfterMs: number; maxAttempts: number; cancel?: boolean },
): Promise<StaleTrial[]> {
  return sqlRows<StaleTrial>(
    db,
    `UPDATE "Trial" SET
       state = (CASE WHEN $4 THEN 'cancelled' WHEN attempts >= $3 THEN 'failed' ELSE 'queued' END)::"TrialState",
       error = 'worker ' || coalesce("workerId", '?') || ' stopped sending heartbeats during attempt '
               || attempts || ' of ' || $3,
       "workerId" = NULL,
       "queuedAt" = now(),
       "finishedAt" = CASE WHEN $4 OR attempts >= $3 THEN now() END
     WHERE "sweepId" = $1 AND state = 'running'
       AND "heartbeatAt" < now() - make_interval(secs => $2::float8 / 1000)
     RETURNING id, number, attempts, state, "tunerTrialId"`,
    [sweepId, options.staleAfterMs, options.maxAttempts, options.cancel ?? false],
  );
}

export interface FinishedTrial {
  id: string;
  number: number;
  tunerTrialId: string;
  state: TerminalTrialState;
  value: number | null;
  /** Final metrics: a sweep's other objectives and its bounds are read from them. */
  metrics: Record<string, unknown> | null;
  error: string | null;
}

/** Which of the given (tuner ids of) open trials have ended, with their outcome. */
export async function finishedTrials(
  db: Db,
  sweepId: string,
  tunerTrialIds: readonly string[],
): Promise<FinishedTrial[]> {
  if (tunerTrialIds.length === 0) return [];
  return sqlRows<FinishedTrial>(
    db,
    `SELECT id, number, "tunerTrialId", state, value, metrics, error FROM "Trial"
     WHERE "sweepId" = $1 AND "tunerTrialId" = ANY($2::text[])
       AND state IN ('completed', 'pruned', 'failed', 'cancelled')`,
    [sweepId, [...tunerTrialIds]],
  );
}

export interface QueuedTrial {
  id: string;
  number: number;
  attempts: number;
}

/** Queued trials older than `olderThanMs`, whose job may have been lost (e.g. Redis restarted). */
export async function queuedTrials(
  db: Db,
  sweepId: string,
  olderThanMs = 0,
): Promise<QueuedTrial[]> {
  return sqlRows<QueuedTrial>(
    db,
    `SELECT id, number, attempts FROM "Trial"
     WHERE "sweepId" = $1 AND state = 'queued'
       AND "queuedAt" <= now() - make_interval(secs => $2::float8 / 1000)
     ORDER BY number`,
    [sweepId, olderThanMs],
  );
}

/** Cancels the sweep's trials that have not started; returns them. */
export async function cancelQueuedTrials(
  db: Db,
  sweepId: string,
  reason: string,
): Promise<{ id: string; number: number }[]> {
  return sqlRows(
    db,
    `UPDATE "Trial" SET state = 'cancelled', "stopReason" = $2, "finishedAt" = now()
     WHERE "sweepId" = $1 AND state = 'queued' RETURNING id, number`,
    [sweepId, reason],
  );
}

/** How many trials the sweep has, and how many of them are queued or running. */
export async function trialCounts(
  db: Db,
  sweepId: string,
): Promise<{ total: number; open: number; running: number }> {
  const [row] = await sqlRows<{ total: number; open: number; running: number }>(
    db,
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE state IN ('queued', 'running'))::int AS open,
       count(*) FILTER (WHERE state = 'running')::int AS running
     FROM "Trial" WHERE "sweepId" = $1`,
    [sweepId],
  );
  return row ?? { total: 0, open: 0, running: 0 };
}

/** Every trial of a sweep, oldest first, as a restarting controller rebuilds its tuner from them. */
export async function trialsForTuner(
  db: Db,
  sweepId: string,
): Promise<
  {
    id: string;
    number: number;
    tunerTrialId: string | null;
    state: TrialState;
    value: number | null;
    metrics: Record<string, unknown> | null;
    params: Record<string, unknown>;
    error: string | null;
  }[]
> {
  return sqlRows(
    db,
    `SELECT id, number, "tunerTrialId", state, value, metrics, params, error FROM "Trial"
     WHERE "sweepId" = $1 ORDER BY number`,
    [sweepId],
  );
}

/** Records the tuner ids a rebuilt study gave to trials it had not heard of. */
export async function setTunerTrialIds(
  db: Db,
  ids: readonly { id: string; tunerTrialId: string }[],
): Promise<void> {
  if (ids.length === 0) return;
  await sqlExecute(
    db,
    `UPDATE "Trial" t SET "tunerTrialId" = u.tid
     FROM unnest($1::text[], $2::text[]) AS u(id, tid) WHERE t.id = u.id`,
    [ids.map((i) => i.id), ids.map((i) => i.tunerTrialId)],
  );
}
