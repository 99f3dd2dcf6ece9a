import type { Db } from '../client.js';
import { pbtHistory, type PbtHistory } from '../pbt.js';
import { loadSweepCurves, type DrawnCurve } from './sweep-curves.js';
import { findSweepSummary, type SweepSummary } from './sweep-summaries.js';
import { listStopDecisions, type StopDecisionRow } from './stop-decisions.js';
import { loadTrialTable, type TrialTable } from './trial-table.js';

/**
 * Overlap between one poll's cursor and the next: writers stamp rows with their own clocks and
 * commit late, so a row can appear with a time just before the previous cursor. The client
 * merges by trial number and step, so a row sent twice is harmless; a row skipped is not.
 */
export const UPDATE_OVERLAP_MS = 5000;

export interface SweepUpdates {
  /** Pass back as `after` on the next poll. */
  cursor: string;
  summary: SweepSummary;
  trials: TrialTable;
  curves: DrawnCurve[];
  decisions: StopDecisionRow[];
  /** A PBT sweep's history (exploit events, members, the best one), whole: it is small. */
  pbt: PbtHistory | null;
}

/**
 * What changed in a sweep since `after`: trials that were queued, started, heartbeated or
 * finished, new points of those trials' objective curves, new stop decisions, and a PBT sweep's
 * population. Nothing else
 * is resent, so a page that polls every few seconds stays cheap with 10,000 trials.
 */
export async function loadSweepUpdates(
  db: Db,
  sweepId: string,
  after: Date,
): Promise<SweepUpdates | null> {
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const summary = await findSweepSummary(db, sweepId);
  if (!summary) return null;
  const trials = await loadTrialTable(db, sweepId, { changedSince: after });
  const [curves, decisions, pbt] = await Promise.all([
    loadSweepCurves(db, sweepId, summary.objectiveMetric, trials.numbers, { since: after }),
    listStopDecisions(db, sweepId, { since: after, decision: 'stop', limit: 200 }),
    summary.algorithm === 'pbt' ? pbtHistory(db, sweepId) : null,
  ]);
  const cursor = new Date(now.getTime() - UPDATE_OVERLAP_MS).toISOString();
  return { cursor, summary, trials, curves, decisions, pbt };
}
