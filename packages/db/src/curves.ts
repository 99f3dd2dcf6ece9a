import type { Db } from './client.js';
import { sqlExecute } from './sql.js';

export interface CurvePointInput {
  trialId: string;
  metric: string;
  step: number;
  value: number;
}

/**
 * Writes many curve points in one round trip. Upserts on (trial, metric, step), so a retried
 * report never duplicates a point. Raw SQL because Prisma's query builder rejects NaN and
 * +/-Infinity, which a diverging trial reports and which Postgres stores faithfully.
 */
export async function upsertCurvePoints(
  db: Db,
  points: readonly CurvePointInput[],
): Promise<number> {
  if (points.length === 0) return 0;
  return sqlExecute(
    db,
    `INSERT INTO "CurvePoint" ("trialId", metric, step, value)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[])
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
