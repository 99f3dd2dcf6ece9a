import type { Db } from './client.js';
import { encodeFloat } from './curves.js';
import { sqlExecute } from './sql.js';

export interface StopDecisionInput {
  trialId: string;
  step: number;
  rule: string;
  decision: 'stop' | 'continue';
  value?: number | null;
  threshold?: number | null;
  rank?: number | null;
  peers?: number | null;
  reason: string;
  details?: unknown;
  /** The id of the report that asked: with it, writing the same decision again stores it once. */
  requestId?: string | null;
}

/**
 * Stores stopping-rule decisions in one round trip (raw SQL: the compared values may be NaN).
 * Idempotent per requestId, so a write retried after its reply was lost adds nothing; a trial
 * that re-reports a step on a later attempt asks anew and gets a row of its own.
 */
export async function recordStopDecisions(
  db: Db,
  decisions: readonly StopDecisionInput[],
): Promise<number> {
  if (decisions.length === 0) return 0;
  const num = (v: number | null | undefined) => (v == null ? null : encodeFloat(v));
  return sqlExecute(
    db,
    `INSERT INTO "StopDecision" ("trialId", step, rule, decision, value, threshold, rank, peers, reason, details, "requestId")
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                          $7::int[], $8::int[], $9::text[], $10::jsonb[], $11::text[])
     ON CONFLICT ("requestId") DO NOTHING`,
    [
      decisions.map((d) => d.trialId),
      decisions.map((d) => d.step),
      decisions.map((d) => d.rule),
      decisions.map((d) => d.decision),
      decisions.map((d) => num(d.value)),
      decisions.map((d) => num(d.threshold)),
      decisions.map((d) => d.rank ?? null),
      decisions.map((d) => d.peers ?? null),
      decisions.map((d) => d.reason),
      decisions.map((d) => (d.details === undefined ? null : JSON.stringify(d.details))),
      decisions.map((d) => d.requestId ?? null),
    ],
  );
}
