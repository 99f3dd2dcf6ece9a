import type { Db } from './client.js';

/** Newest first; the list page's columns only. */
export function listSweeps(db: Db, take = 200) {
  return db.sweep.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      name: true,
      status: true,
      algorithm: true,
      objectiveMetric: true,
      direction: true,
      maxTrials: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
    },
  });
}
