import type { Db } from '../client.js';
import { estimateParameterImportance, type ParameterImportance } from './importance.js';

export interface SweepImportance {
  /** Completed trials the estimate is based on; the cache key with the sweep id. */
  completedTrials: number;
  importances: ParameterImportance[];
}

/** Estimates kept per process; a sweep's estimate changes only when a trial completes. */
const cache = new Map<string, SweepImportance>();
const CACHE_SIZE = 64;

/**
 * Parameter importance of a sweep from its completed trials, cached by (sweep, number of
 * completed trials), so polling pages recompute only after a trial completes.
 */
export async function getParameterImportance(db: Db, sweepId: string): Promise<SweepImportance> {
  const completedTrials = await db.trial.count({ where: { sweepId, state: 'completed' } });
  const key = `${sweepId}:${completedTrials}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = await db.$queryRawUnsafe<{ params: Record<string, unknown>; value: number }[]>(
    `SELECT params, value FROM "Trial" WHERE "sweepId" = $1 AND state = 'completed' AND value IS NOT NULL`,
    sweepId,
  );
  const result = { completedTrials, importances: estimateParameterImportance(rows) };
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}
