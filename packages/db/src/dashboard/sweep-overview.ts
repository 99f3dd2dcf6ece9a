import type { TrialState } from '@prisma/client';
import type { Db } from '../client.js';
import { findSweepSummary } from './sweep-summaries.js';

/** A sweep's settings without the tuner's and controller's internal state. */
export function getSweepSettingsOrThrow(db: Db, id: string) {
  return db.sweep.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      name: true,
      spec: true,
      status: true,
      split: true,
      error: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
    },
  });
}

export type SweepSettingsRecord = Awaited<ReturnType<typeof getSweepSettingsOrThrow>>;

/** The header of the sweep page and GET /api/v1/sweeps/:id: settings plus progress. */
export async function getSweepOverview(db: Db, id: string) {
  const [sweep, summary] = await Promise.all([
    getSweepSettingsOrThrow(db, id),
    findSweepSummary(db, id),
  ]);
  return { ...sweep, progress: summary! };
}

export interface TrialPageQuery {
  /** Trials with a number above this (the previous page's last number). */
  after?: number;
  state?: TrialState;
  limit?: number;
}

/** Trials of a sweep as objects, a page at a time by number, for the API and the SDK. */
export async function listTrialPage(db: Db, sweepId: string, query: TrialPageQuery = {}) {
  const limit = Math.min(query.limit ?? 100, 1000);
  const trials = await db.trial.findMany({
    where: {
      sweepId,
      number: query.after === undefined ? undefined : { gt: query.after },
      state: query.state,
    },
    orderBy: { number: 'asc' },
    take: limit,
  });
  const next = trials.length === limit ? trials[trials.length - 1].number : null;
  return { trials, next };
}
