import type { Direction, Prisma, Sweep, SweepStatus } from '@prisma/client';
import type { Db } from './client.js';
import { NotFoundError, SweepStateError } from './errors.js';

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

export interface CreateSweepOptions {
  /** 'running' (default) hands the sweep to the workers at once; 'draft' waits for `start`. */
  status?: 'running' | 'draft';
}

type Settings = { type: string } & Record<string, unknown>;

/** A SweepSpec checked by @sweepwise/sweeps, which this package stores as given. */
export interface NewSweep {
  name: string;
  workload: object;
  metric: { name: string; goal: Direction };
  parameters: object;
  algorithm: Settings;
  stopper?: Settings | null;
  budget: { maxTrials: number; maxConcurrentTrials: number; maxWallTimeS?: number | null };
}

/**
 * Stores a validated sweep. A running sweep is picked up by a worker's controller within a
 * second.
 */
export async function createSweep(
  db: Db,
  body: NewSweep,
  options: CreateSweepOptions = {},
): Promise<Sweep> {
  const status = options.status ?? 'running';
  const { type, ...algorithmSettings } = body.algorithm;
  return db.sweep.create({
    data: {
      name: body.name,
      workload: body.workload as Prisma.InputJsonValue,
      objectiveMetric: body.metric.name,
      direction: body.metric.goal,
      space: body.parameters as Prisma.InputJsonValue,
      algorithm: type,
      algorithmSettings: algorithmSettings as Prisma.InputJsonValue,
      stopper: (body.stopper ?? undefined) as Prisma.InputJsonValue | undefined,
      maxTrials: body.budget.maxTrials,
      maxConcurrentTrials: body.budget.maxConcurrentTrials,
      maxWallTimeS: body.budget.maxWallTimeS ?? null,
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
