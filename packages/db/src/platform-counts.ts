import type { Db } from './client.js';

/**
 * What the metrics endpoint counts in Postgres, in three grouped queries: trials by state, stop
 * decisions by rule and decision, and the sweeps whose controllers should be running.
 */
export async function platformCounts(db: Db): Promise<{
  trialsByState: { state: string; count: number }[];
  stopDecisions: { rule: string; decision: string; count: number }[];
  runningSweepIds: string[];
}> {
  const [trials, decisions, running] = await Promise.all([
    db.trial.groupBy({ by: ['state'], _count: { _all: true } }),
    db.stopDecision.groupBy({ by: ['rule', 'decision'], _count: { _all: true } }),
    db.sweep.findMany({ where: { status: 'running' }, select: { id: true } }),
  ]);
  return {
    trialsByState: trials.map((t) => ({ state: t.state, count: t._count._all })),
    stopDecisions: decisions.map((d) => ({
      rule: d.rule,
      decision: d.decision,
      count: d._count._all,
    })),
    runningSweepIds: running.map((s) => s.id),
  };
}
