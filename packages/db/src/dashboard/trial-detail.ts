import { Prisma } from '@prisma/client';
import type { Db } from '../client.js';
import { downsampleLttb } from './downsample.js';
import { listStopDecisions } from './stop-decisions.js';

/** How a page or request names a trial: its id, or its sweep and number. */
export type TrialRef = { id: string } | { sweepId: string; number: number };

/** Points per metric on the trial page and in comparisons. */
export const TRIAL_CURVE_POINTS = 200;

/** Every metric's curve of a trial, downsampled: { val_loss: { steps, values }, ... }. */
export async function loadTrialCurves(
  db: Db,
  trialId: string,
  maxPoints = TRIAL_CURVE_POINTS,
): Promise<Record<string, { steps: number[]; values: number[] }>> {
  const points = await db.$queryRawUnsafe<{ metric: string; step: number; value: number }[]>(
    `SELECT metric, step, value FROM "CurvePoint" WHERE "trialId" = $1 ORDER BY metric, step`,
    trialId,
  );
  const curves: Record<string, { steps: number[]; values: number[] }> = {};
  for (const p of points) {
    const series = (curves[p.metric] ??= { steps: [], values: [] });
    series.steps.push(p.step);
    series.values.push(p.value);
  }
  for (const metric of Object.keys(curves))
    curves[metric] = downsampleLttb(curves[metric], maxPoints);
  return curves;
}

const trialWhere = (ref: TrialRef): Prisma.TrialWhereUniqueInput =>
  'id' in ref ? { id: ref.id } : { sweepId_number: { sweepId: ref.sweepId, number: ref.number } };

const sweepHeader = {
  select: { id: true, name: true, spec: true, status: true },
} as const;

/** A trial with its sweep's header; throws Prisma's not-found error (P2025) when absent. */
export function getTrialOrThrow(db: Db, ref: TrialRef) {
  return db.trial.findUniqueOrThrow({
    where: trialWhere(ref),
    include: { sweep: sweepHeader, _count: { select: { checkpoints: true } } },
  });
}

/** Everything the trial page shows: config, curves, decisions, promotion. */
export async function getTrialDetail(db: Db, ref: TrialRef) {
  const trial = await getTrialOrThrow(db, ref);
  const [curves, decisions, testEvaluation] = await Promise.all([
    loadTrialCurves(db, trial.id),
    listStopDecisions(db, trial.sweepId, { trialNumber: trial.number, limit: 500 }),
    db.testEvaluation.findUnique({ where: { trialId: trial.id } }),
  ]);
  return { trial, curves, decisions, testEvaluation };
}

/** The most trials a comparison overlays: beyond ten the lines stop being readable. */
export const MAX_COMPARED_TRIALS = 10;

/** Trials from any sweeps side by side: params, values and every metric's curve. */
export async function loadTrialComparison(db: Db, refs: readonly TrialRef[]) {
  if (refs.length < 2 || refs.length > MAX_COMPARED_TRIALS) {
    throw new RangeError(`trials: compare 2 to ${MAX_COMPARED_TRIALS} trials, got ${refs.length}`);
  }
  return Promise.all(
    refs.map(async (ref) => {
      const trial = await getTrialOrThrow(db, ref);
      return { trial, curves: await loadTrialCurves(db, trial.id, 100) };
    }),
  );
}
