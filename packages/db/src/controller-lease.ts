import type { SweepStatus } from '@prisma/client';
import type { Db } from './client.js';
import { sqlExecute, sqlRows } from './sql.js';

/** The controller's lease was taken by another one (after this one stalled): it must stop. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(readonly sweepId: string) {
    super(`sweep ${sweepId}: this controller lost its lease to another one`);
  }
}

/** What a controller re-reads with every lease renewal: the user may change these any time. */
export interface SweepLeaseView {
  status: SweepStatus;
  maxTrials: number;
  maxConcurrentTrials: number;
  maxWallTimeS: number | null;
  maxFailedTrials: number | null;
  startedAt: Date | null;
}

/**
 * Sweeps that need a controller and have none: running or paused, or ended with trials still
 * open (so dead workers' trials get cleaned up). Expired leases count as none. `onlyIds` limits
 * the search to given sweeps (a worker pinned to them).
 */
export async function sweepsWithoutController(
  db: Db,
  options: { onlyIds?: readonly string[] | null; limit?: number } = {},
): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    db,
    `SELECT s.id FROM "Sweep" s
     WHERE (s."controllerLeaseUntil" IS NULL OR s."controllerLeaseUntil" < now())
       AND ($2::text[] IS NULL OR s.id = ANY($2::text[]))
       AND (s.status IN ('running', 'paused')
            OR (s.status IN ('cancelled', 'finished', 'failed') AND EXISTS (
                  SELECT 1 FROM "Trial" t WHERE t."sweepId" = s.id AND t.state IN ('queued', 'running'))))
     ORDER BY s."createdAt" LIMIT $1`,
    [options.limit ?? 20, options.onlyIds ? [...options.onlyIds] : null],
  );
  return rows.map((r) => r.id);
}

/** Takes the sweep's controller lease when it is free or expired; false when someone holds it. */
export async function acquireControllerLease(
  db: Db,
  sweepId: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  const n = await sqlExecute(
    db,
    `UPDATE "Sweep" SET "controllerToken" = $2,
       "controllerLeaseUntil" = now() + make_interval(secs => $3::float8 / 1000)
     WHERE id = $1 AND ("controllerLeaseUntil" IS NULL OR "controllerLeaseUntil" < now())`,
    [sweepId, token, leaseMs],
  );
  return n === 1;
}

/** Extends the lease and returns the sweep's current status and budget; throws when lost. */
export async function renewControllerLease(
  db: Db,
  sweepId: string,
  token: string,
  leaseMs: number,
): Promise<SweepLeaseView> {
  const rows = await sqlRows<SweepLeaseView>(
    db,
    `UPDATE "Sweep" SET "controllerLeaseUntil" = now() + make_interval(secs => $3::float8 / 1000)
     WHERE id = $1 AND "controllerToken" = $2
     RETURNING status, (spec->'budget'->>'maxTrials')::int AS "maxTrials",
       (spec->'budget'->>'maxConcurrentTrials')::int AS "maxConcurrentTrials",
       (spec->'budget'->>'maxWallTimeS')::int AS "maxWallTimeS",
       (spec->'budget'->>'maxFailedTrials')::int AS "maxFailedTrials",
       ("startedAt" AT TIME ZONE 'UTC') AS "startedAt"`,
    [sweepId, token, leaseMs],
  );
  if (!rows[0]) throw new LeaseLostError(sweepId);
  return rows[0];
}

/** Gives the lease up so another controller may start at once (e.g. on shutdown). */
export async function releaseControllerLease(db: Db, sweepId: string, token: string) {
  await sqlExecute(
    db,
    `UPDATE "Sweep" SET "controllerLeaseUntil" = NULL WHERE id = $1 AND "controllerToken" = $2`,
    [sweepId, token],
  );
}

/** Saves the tuner's state (fenced by the token). */
export async function saveTunerState(db: Db, sweepId: string, token: string, state: unknown) {
  const n = await sqlExecute(
    db,
    `UPDATE "Sweep" SET "tunerState" = $3::jsonb, "updatedAt" = now()
     WHERE id = $1 AND "controllerToken" = $2`,
    [sweepId, token, JSON.stringify(state)],
  );
  if (n !== 1) throw new LeaseLostError(sweepId);
}

/**
 * Ends the sweep as `status` (finished, or failed with `error`) unless the user already ended it,
 * and saves the tuner's state. The controller keeps its lease until its open trials are done.
 */
export async function endSweep(
  db: Db,
  sweepId: string,
  token: string,
  status: 'finished' | 'failed',
  options: { tunerState?: unknown; error?: string } = {},
): Promise<SweepStatus> {
  const rows = await sqlRows<{ status: SweepStatus }>(
    db,
    `UPDATE "Sweep" SET
       status = CASE WHEN status IN ('running', 'paused') THEN $3::"SweepStatus" ELSE status END,
       "finishedAt" = coalesce("finishedAt", now()),
       error = coalesce($4, error),
       "tunerState" = coalesce($5::jsonb, "tunerState"),
       "updatedAt" = now()
     WHERE id = $1 AND "controllerToken" = $2 RETURNING status`,
    [
      sweepId,
      token,
      status,
      options.error ?? null,
      options.tunerState === undefined ? null : JSON.stringify(options.tunerState),
    ],
  );
  if (!rows[0]) throw new LeaseLostError(sweepId);
  return rows[0].status;
}
