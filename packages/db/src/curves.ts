import type { Db } from './client.js';
import { sqlExecute } from './sql.js';

export interface CurvePointInput {
  trialId: string;
  metric: string;
  step: number;
  value: number;
}

/**
 * Writes many curve points in one round trip and returns how many were stored. Upserts on
 * (trial, metric, step), so a retried report never duplicates a point. The batch's trials are
 * locked against deletion (what a foreign key would check row by row, at twice the cost) and
 * points of trials that no longer exist are skipped, so they cannot fail the others' write.
 * Raw SQL because Prisma's query builder rejects NaN and +/-Infinity, which a diverging trial
 * reports and which Postgres stores faithfully.
 */
export async function upsertCurvePoints(
  db: Db,
  points: readonly CurvePointInput[],
): Promise<number> {
  if (points.length === 0) return 0;
  return sqlExecute(
    db,
    `WITH p AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[])
         AS u("trialId", metric, step, value)
     ), live AS (
       SELECT id FROM "Trial" WHERE id IN (SELECT DISTINCT "trialId" FROM p) FOR KEY SHARE
     )
     INSERT INTO "CurvePoint" ("trialId", metric, step, value)
     SELECT p."trialId", p.metric, p.step, p.value FROM p JOIN live ON live.id = p."trialId"
     ON CONFLICT ("trialId", metric, step) DO UPDATE SET value = EXCLUDED.value`,
    [
      points.map((p) => p.trialId),
      points.map((p) => p.metric),
      points.map((p) => p.step),
      points.map((p) => encodeFloat(p.value)),
    ],
  );
}

/** Postgres' spelling of the IEEE specials, so they survive the driver's serialization. */
export function encodeFloat(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}
