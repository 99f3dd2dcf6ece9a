import type { MetricBound } from './promotions.js';
import type { Prisma, Sweep, SweepStatus } from '@prisma/client';
import type { Db } from './client.js';
import { NotFoundError, SweepStateError } from './errors.js';

/** Newest first; the list's fields only. Archived sweeps only when `archived`. */
export async function listSweeps(db: Db, take = 200, archived = false) {
  const rows = await db.sweep.findMany({
    where: { archivedAt: archived ? { not: null } : null },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      name: true,
      status: true,
      spec: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      archivedAt: true,
    },
  });
  // The fields of a list row (as listSweepSummaries names them), read from the spec.
  return rows.map(({ spec, ...row }) => {
    const { algorithm, metric, budget } = specOf({ spec });
    const { name: objectiveMetric, goal: direction } = metric;
    return {
      ...row,
      algorithm: algorithm.type,
      objectiveMetric,
      direction,
      maxTrials: budget.maxTrials,
    };
  });
}

export interface CreateSweepOptions {
  /** 'running' (default) hands the sweep to the workers at once; 'draft' waits for `start`. */
  status?: 'running' | 'draft';
}

export type Direction = 'minimize' | 'maximize';

type Settings = { type: string } & Record<string, unknown>;

/**
 * A SweepSpec as @sweepwise/sweeps parsed it (docs/sweep-file.md), which this package stores as
 * given in the row's `spec` column. Its shape, so that db imports nothing of ours.
 */
export interface StoredSpec {
  name: string;
  workload: object;
  /** The primary objective; `metrics` lists them all when there are several. */
  metric: { name: string; goal: Direction };
  metrics?: { name: string; goal: Direction }[];
  constraints?: MetricBound[];
  parameters: object;
  algorithm: Settings;
  stopper: Settings | null;
  budget: {
    maxTrials: number;
    maxConcurrentTrials: number;
    maxWallTimeS: number | null;
    maxFailedTrials?: number | null;
  };
}

/** The SweepSpec of a stored sweep. */
export function specOf(sweep: { spec: Prisma.JsonValue }): StoredSpec {
  return sweep.spec as unknown as StoredSpec;
}

/**
 * Stores a checked SweepSpec. A running sweep is picked up by a worker's controller within a
 * second.
 */
export async function createSweep(
  db: Db,
  spec: StoredSpec,
  options: CreateSweepOptions = {},
): Promise<Sweep> {
  const status = options.status ?? 'running';
  return db.sweep.create({
    data: {
      name: spec.name,
      spec: spec as unknown as Prisma.InputJsonValue,
      status,
      startedAt: status === 'running' ? new Date() : null,
    },
  });
}

export async function getSweepOrThrow(db: Db, id: string): Promise<Sweep> {
  const sweep = await db.sweep.findUnique({ where: { id } });
  if (!sweep) throw new NotFoundError('sweep', id);
  return sweep;
}

export type SweepAction = 'start' | 'pause' | 'resume' | 'cancel';

/** Which statuses each action leaves from, and where it goes. */
const TRANSITIONS: Record<SweepAction, { from: SweepStatus[]; to: SweepStatus }> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'running', 'paused'], to: 'cancelled' },
};

/**
 * Starts, pauses, resumes or cancels a sweep. The worker's controller and trial runners read the
 * status from the database: pause stops new trials, cancel also stops running ones at their next
 * report. Throws NotFoundError or SweepStateError (e.g. pausing a finished sweep).
 */
export async function setSweepStatus(db: Db, id: string, action: SweepAction): Promise<Sweep> {
  const rule = TRANSITIONS[action];
  if (!rule) throw new SweepStateError(`unknown action ${JSON.stringify(action)}`);
  const now = new Date();
  const { count } = await db.sweep.updateMany({
    where: { id, status: { in: rule.from } },
    data: {
      status: rule.to,
      ...(action === 'start' ? { startedAt: now } : {}),
      ...(action === 'cancel' ? { finishedAt: now } : {}),
    },
  });
  const sweep = await getSweepOrThrow(db, id);
  if (count === 0 && sweep.status !== rule.to) {
    throw new SweepStateError(`cannot ${action} a sweep that is ${sweep.status}`);
  }
  return sweep;
}
