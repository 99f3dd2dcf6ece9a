import type { Db } from '../client.js';
import { SPEC_ARRAY } from './sweep-summaries.js';

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
  /**
   * The final value of each objective (`metrics`) and bounded metric (`constraints`) the sweep
   * names, by name; null while running or when not reported. Empty for a sweep with one objective
   * and no constraints.
   */
  metrics: Record<string, (number | null)[]>;
}

interface TrialTableRow {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown> | null;
  durationS: number | null;
  stoppedAt: number | null;
  /** The sweep's objective and bound metrics of the trial's final metrics. */
  metrics?: Record<string, unknown> | null;
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
  const metricNames = [...new Set(rows.flatMap((r) => Object.keys(r.metrics ?? {})))];
  const metrics: Record<string, (number | null)[]> = {};
  for (const name of metricNames) {
    metrics[name] = rows.map((r) => {
      const v = r.metrics?.[name];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
  }
  return {
    paramNames: names,
    numbers: rows.map((r) => r.number),
    states: rows.map((r) => r.state),
    values: rows.map((r) => compact(r.value)),
    durationsS: rows.map((r) => (r.durationS == null ? null : Number(r.durationS.toFixed(2)))),
    stoppedAt: rows.map((r) => r.stoppedAt),
    params,
    metrics,
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
    `SELECT t.number, t.state::text AS state, t.value, t.params, t."stoppedAt",
            extract(epoch FROM coalesce(t."finishedAt", now() AT TIME ZONE 'UTC') - t."startedAt")::float8 AS "durationS",
            (SELECT jsonb_object_agg(n.name, t.metrics->n.name) FROM (
               SELECT m->>'name' AS name FROM jsonb_array_elements(${SPEC_ARRAY('metrics')}) m
               UNION SELECT c->>'metric' FROM jsonb_array_elements(${SPEC_ARRAY('constraints')}) c
             ) n WHERE t.metrics ? n.name) AS metrics
       FROM "Trial" t JOIN "Sweep" s ON s.id = t."sweepId"
      WHERE t."sweepId" = $1
        AND ($2::timestamp IS NULL OR GREATEST(t."queuedAt", t."startedAt", t."finishedAt", t."heartbeatAt") > $2::timestamp)
      ORDER BY t.number`,
    sweepId,
    options.changedSince ?? null,
  );
  return toTrialTable(rows, options.paramNames ?? []);
}
