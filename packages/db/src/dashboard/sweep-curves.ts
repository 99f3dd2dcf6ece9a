import type { Db } from '../client.js';
import { downsampleLttb } from './downsample.js';
import type { TrialTable } from './trial-table.js';

/** One trial's curve as drawn on the sweep page. */
export interface DrawnCurve {
  number: number;
  state: string;
  steps: number[];
  values: number[];
  /** Set for pruned trials: the marker at the end of the line and its tooltip. */
  stoppedAt: number | null;
  stopReason: string | null;
}

export interface SweepCurves {
  metric: string;
  curves: DrawnCurve[];
}

/** How many curves the overlay draws and how many points each: what the eye can tell apart. */
export const CURVE_LIMITS = { maxCurves: 120, maxPoints: 60, bestCurves: 40, prunedCurves: 40 };

/**
 * Which trials the learning-curve overlay shows: the best completed ones, the running ones, a
 * spread of the pruned ones (their markers tell the stopping story), then an even sample of the
 * rest. Everything else stays on the server.
 */
export function pickCurveTrials(
  table: TrialTable,
  direction: 'minimize' | 'maximize',
  limits = CURVE_LIMITS,
): number[] {
  const sign = direction === 'minimize' ? 1 : -1;
  const index = table.numbers.map((_, i) => i);
  const completed = index
    .filter((i) => table.states[i] === 'completed' && table.values[i] != null)
    .sort((a, b) => sign * ((table.values[a] as number) - (table.values[b] as number)));
  const chosen = new Set<number>(completed.slice(0, limits.bestCurves));
  const add = (candidates: number[], room: number) => {
    const step = Math.max(1, candidates.length / Math.max(1, room));
    for (
      let k = 0;
      k < candidates.length && chosen.size < limits.maxCurves && room > 0;
      k += step
    ) {
      if (!chosen.has(candidates[Math.floor(k)])) {
        chosen.add(candidates[Math.floor(k)]);
        room--;
      }
    }
  };
  add(
    index.filter((i) => table.states[i] === 'running'),
    limits.maxCurves - chosen.size,
  );
  add(
    index.filter((i) => table.states[i] === 'pruned'),
    limits.prunedCurves,
  );
  add(
    index.filter((i) => !chosen.has(i)),
    limits.maxCurves - chosen.size,
  );
  return [...chosen].map((i) => table.numbers[i]).sort((a, b) => a - b);
}

interface PointRow {
  number: number;
  step: number;
  value: number;
}

/**
 * One metric's curves of the given trials of a sweep, each downsampled to `maxPoints`; with
 * `since`, only points written after that instant (the live-update cursor).
 */
export async function loadSweepCurves(
  db: Db,
  sweepId: string,
  metric: string,
  numbers: readonly number[],
  options: { maxPoints?: number; since?: Date } = {},
): Promise<DrawnCurve[]> {
  if (numbers.length === 0) return [];
  const [points, trials] = await Promise.all([
    db.$queryRawUnsafe<PointRow[]>(
      `SELECT t.number, cp.step, cp.value
         FROM "Trial" t JOIN "CurvePoint" cp ON cp."trialId" = t.id AND cp.metric = $2
        WHERE t."sweepId" = $1 AND t.number = ANY($3::int[])
          AND ($4::timestamp IS NULL OR cp."createdAt" > $4::timestamp)
        ORDER BY t.number, cp.step`,
      sweepId,
      metric,
      numbers,
      options.since ?? null,
    ),
    db.trial.findMany({
      where: { sweepId, number: { in: [...numbers] } },
      select: { number: true, state: true, stoppedAt: true, stopReason: true },
    }),
  ]);
  const byNumber = new Map<number, { steps: number[]; values: number[] }>();
  for (const p of points) {
    let series = byNumber.get(p.number);
    if (!series) byNumber.set(p.number, (series = { steps: [], values: [] }));
    series.steps.push(p.step);
    series.values.push(p.value);
  }
  const maxPoints = options.maxPoints ?? CURVE_LIMITS.maxPoints;
  return trials
    .filter((t) => byNumber.has(t.number))
    .sort((a, b) => a.number - b.number)
    .map((t) => {
      const series = downsampleLttb(byNumber.get(t.number)!, maxPoints);
      return {
        number: t.number,
        state: t.state,
        steps: series.steps,
        values: series.values.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : NaN)),
        stoppedAt: t.state === 'pruned' ? t.stoppedAt : null,
        stopReason: t.state === 'pruned' ? t.stopReason : null,
      };
    });
}
