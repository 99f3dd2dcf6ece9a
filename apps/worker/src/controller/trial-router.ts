import type { Redis } from 'ioredis';
import {
  commandRoute,
  commandWaitingReason,
  createTrialQueue,
  liveWorkers,
  type TrialQueue,
  type WorkerCapabilities,
} from '@sweepwise/queue';
import type { SweepWorkload } from '@sweepwise/sweeps';

/** How long the list of live workers is reused by the controllers of one process. */
const WORKERS_TTL_MS = 1000;

export type Route = { queue: TrialQueue } | { waiting: string };

/**
 * Where a sweep's trials go: the trials queue, or for a command the queue of the live workers
 * that accept its program (workers.ts). While none does, the route is the reason it waits, and the
 * trials stay queued in Postgres until a controller round finds such a worker.
 */
export class TrialRouter {
  private readonly commandQueues = new Map<string, TrialQueue>();
  private workers: { at: number; list: Promise<WorkerCapabilities[]> } | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly trials: TrialQueue,
  ) {}

  async route(workload: SweepWorkload): Promise<Route> {
    if (!('command' in workload)) return { queue: this.trials };
    const workers = await this.liveWorkers();
    const { program } = workload.command;
    const name = commandRoute(workers, program);
    if (name === null) return { waiting: commandWaitingReason(workers, program)! };
    let queue = this.commandQueues.get(name);
    if (!queue) {
      queue = createTrialQueue(this.redis, this.prefix, name);
      this.commandQueues.set(name, queue);
    }
    return { queue };
  }

  private liveWorkers(): Promise<WorkerCapabilities[]> {
    if (!this.workers || Date.now() - this.workers.at > WORKERS_TTL_MS) {
      const list = liveWorkers(this.redis, this.prefix);
      // A failed read is not kept: the next route reads again.
      list.catch(() => (this.workers = null));
      this.workers = { at: Date.now(), list };
    }
    return this.workers.list;
  }

  async close(): Promise<void> {
    await Promise.all([...this.commandQueues.values()].map((q) => q.close()));
  }
}
