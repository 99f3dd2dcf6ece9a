import type { Db } from '../client.js';

/** A benchmark sweep's trial with each step's metrics: what its report is computed from. */
export interface BenchmarkTrialRow {
  id: string;
  number: number;
  state: string;
  params: unknown;
  metrics: unknown;
  steps: { step: number; metrics: Record<string, number> }[];
}

/**
 * Every trial of a sweep with the curve points of `metrics` (a benchmark's report needs its
 * targets' metrics, the losses and accuracies, and wall_s), grouped by step in step order. Not
 * downsampled: the time to target is the first step that meets it.
 */
export async function loadBenchmarkTrials(
  db: Db,
  sweepId: string,
  metrics: readonly string[],
): Promise<BenchmarkTrialRow[]> {
  const trials = await db.trial.findMany({
    where: { sweepId },
    select: { id: true, number: true, state: true, params: true, metrics: true },
    orderBy: { number: 'asc' },
  });
  const points = await db.$queryRawUnsafe<
    { trialId: string; metric: string; step: number; value: number }[]
  >(
    `SELECT p."trialId", p.metric, p.step, p.value FROM "CurvePoint" p
       JOIN "Trial" t ON t.id = p."trialId"
      WHERE t."sweepId" = $1 AND p.metric = ANY($2::text[])
      ORDER BY p."trialId", p.step`,
    sweepId,
    [...metrics],
  );
  const byTrial = new Map<string, Map<number, Record<string, number>>>();
  for (const p of points) {
    const steps = byTrial.get(p.trialId) ?? new Map<number, Record<string, number>>();
    byTrial.set(p.trialId, steps);
    const at = steps.get(p.step) ?? {};
    steps.set(p.step, at);
    at[p.metric] = p.value;
  }
  return trials.map((t) => ({
    ...t,
    steps: [...(byTrial.get(t.id) ?? new Map<number, Record<string, number>>())].map(
      ([step, m]) => ({ step, metrics: m }),
    ),
  }));
}
