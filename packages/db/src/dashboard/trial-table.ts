import type { Db } from '../client.js';

export type CellValue = number | string | boolean | null;

/**
 * A sweep's trials as columns rather than objects: 10,000 trials travel as a handful of arrays,
 * with no repeated keys and no trial ids (pages address a trial by its sweep and number).
 * Live updates send the changed trials in the same shape, merged by number.
 */
export interface TrialTable {
  paramNames: string[];
  numbers: number[];
  states: string[];
  /** The objective; null when missing or not finite (a diverged trial shows as state + null). */
  values: (number | null)[];
  durationsS: (number | null)[];
  /** Step at which a pruned or stopped trial ended. */
  stoppedAt: (number | null)[];
  params: Record<string, CellValue[]>;
}

interface TrialTableRow {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown> | null;
  durationS: number | null;
  stoppedAt: number | null;
}

/** Significant digits kept in the table payload: more than any chart or cell shows. */
const DIGITS = 6;

function compact(value: number | null): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(DIGITS));
}

function toParamValue(value: unknown): CellValue {
  if (typeof value === 'number') return compact(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return value == null ? null : JSON.stringify(value);
}

export function toTrialTable(
  rows: readonly TrialTableRow[],
  paramNames: readonly string[],
): TrialTable {
  const names = [...new Set([...paramNames, ...rows.flatMap((r) => Object.keys(r.params ?? {}))])];
  const params: Record<string, CellValue[]> = {};
  for (const name of names) params[name] = rows.map((r) => toParamValue(r.params?.[name]));
  return {
    paramNames: names,
    numbers: rows.map((r) => r.number),
    states: rows.map((r) => r.state),
    values: rows.map((r) => compact(r.value)),
    durationsS: rows.map((r) => (r.durationS == null ? null : Number(r.durationS.toFixed(2)))),
    stoppedAt: rows.map((r) => r.stoppedAt),
    params,
  };
}

/**
 * The trials of a sweep in number order; `changedSince` keeps only those queued, started,
 * heartbeating or finished after that instant (the live-update cursor).
 */
export async function loadTrialTable(
  db: Db,
  sweepId: string,
  options: { changedSince?: Date; paramNames?: readonly string[] } = {},
): Promise<TrialTable> {
  const rows = await db.$queryRawUnsafe<TrialTableRow[]>(
    `SELECT number, state::text AS state, value, params, "stoppedAt",
            extract(epoch FROM coalesce("finishedAt", now() AT TIME ZONE 'UTC') - "startedAt")::float8 AS "durationS"
       FROM "Trial"
      WHERE "sweepId" = $1
        AND ($2::timestamp IS NULL OR GREATEST("queuedAt", "startedAt", "finishedAt", "heartbeatAt") > $2::timestamp)
      ORDER BY number`,
    sweepId,
    options.changedSince ?? null,
  );
  return toTrialTable(rows, options.paramNames ?? []);
}
