import { allocateTrials, recordStopDecisions } from '@sweepwise/db';
import { trialJobId, type TrialQueue as JobQueue } from '@sweepwise/queue';
import type { QueuedTrial, SweepSpec, TrialQueue, TrialStore } from '@sweepwise/sweeps';
import type { ControllerScope } from './controller-scope.js';

/** The sweep loop's trial store on Postgres: allocations fenced by the controller's lease token. */
export function postgresTrialStore(scope: ControllerScope): TrialStore {
  const { db } = scope.deps;
  return {
    allocate: (trials) => scope.retry(() => allocateTrials(db, scope.sweepId, scope.token, trials)),
    recordStopDecisions: async (decisions) => {
      await scope.retry(() => recordStopDecisions(db, decisions));
    },
  };
}

/**
 * The sweep loop's trial queue on BullMQ: a trial's job goes to the queue its workload is routed to
 * (commands only to workers that accept them), one job id per attempt, and a `trial.queued` event.
 */
export class BullmqTrialQueue implements TrialQueue {
  /** Why the sweep's trials are not enqueued (no live worker accepts its command), logged once. */
  private waiting: string | null = null;

  constructor(
    private readonly scope: ControllerScope,
    private readonly spec: SweepSpec,
  ) {}

  /**
   * The queue of this sweep's trials, or null while no live worker accepts its command: its trials
   * then stay queued in Postgres, and requeueLostJobs enqueues them once a worker that does appears.
   * An external sweep's trials are never enqueued: they wait in Postgres for the API's ask.
   */
  async route(): Promise<JobQueue | null> {
    if ('external' in this.spec.workload) return null;
    const { deps, sweepId } = this.scope;
    const route = await deps.router.route(this.spec.workload);
    const waiting = 'waiting' in route ? route.waiting : null;
    if (waiting !== this.waiting)
      deps.log(`sweep ${sweepId}: ${waiting ?? 'a worker accepts its trials now'}`);
    this.waiting = waiting;
    return 'queue' in route ? route.queue : null;
  }

  async enqueue(trials: readonly QueuedTrial[]): Promise<void> {
    if (trials.length === 0) return;
    const queue = await this.route();
    if (!queue) return;
    const { sweepId, deps } = this.scope;
    await queue.addBulk(
      trials.map((t) => ({
        name: 'trial',
        data: { sweepId, trialId: t.id, number: t.number, attempt: t.attempts + 1 },
        opts: { jobId: trialJobId(t.id, t.attempts + 1) },
      })),
    );
    for (const t of trials) {
      deps.events.publish({
        type: 'trial.queued',
        sweepId,
        trialId: t.id,
        number: t.number,
        attempt: t.attempts + 1,
      });
    }
  }
}
