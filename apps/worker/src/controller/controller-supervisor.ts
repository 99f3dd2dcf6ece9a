import { randomUUID } from 'node:crypto';
import {
  acquireControllerLease,
  getSweepOrThrow,
  sweepsWithoutController,
  type CheckpointStore,
  type Db,
} from '@sweepwise/db';
import { createRedis, type SweepEventPublisher } from '@sweepwise/queue';
import type { DbReachability } from '../db-reachability.js';
import type { Log } from '../logger.js';
import { oneLine } from '../one-line.js';
import { SweepController, type ControllerOptions } from './sweep-controller.js';
import type { TrialRouter } from './trial-router.js';

export interface SupervisorDeps {
  db: Db;
  redisUrl: string;
  redis: import('ioredis').Redis;
  router: TrialRouter;
  events: SweepEventPublisher;
  prefix: string;
  log: Log;
  reachability: DbReachability;
  /** Where checkpoints dropped by the retention policy live (null: inline in Postgres). */
  checkpoints: CheckpointStore | null;
}

/**
 * Finds sweeps without a live controller and runs one for each in this process. Any number of
 * processes may do this: the lease in Postgres lets exactly one win per sweep, and a controller
 * whose process died is replaced once its lease runs out.
 */
export class ControllerSupervisor {
  private readonly running = new Map<
    string,
    { controller: SweepController; done: Promise<void> }
  >();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  /** The last poll error logged, so an outage is logged once, not every poll. */
  private lastPollError: string | null = null;

  constructor(
    private readonly deps: SupervisorDeps,
    private readonly options: ControllerOptions & { pollMs: number; onlySweepIds: string[] | null },
  ) {}

  start(): void {
    const tick = () => {
      this.polling = this.poll()
        .then(() => {
          this.deps.reachability.observe();
          this.lastPollError = null;
        })
        .catch((err: unknown) => {
          this.deps.reachability.observe(err);
          const message = oneLine(err);
          if (message !== this.lastPollError)
            this.deps.log(`looking for sweeps failed: ${message}`);
          this.lastPollError = message;
        })
        .finally(() => {
          this.polling = null;
          if (!this.closed) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    tick();
  }

  private async poll(): Promise<void> {
    const { db } = this.deps;
    for (const sweepId of await sweepsWithoutController(db, {
      onlyIds: this.options.onlySweepIds,
    })) {
      if (this.closed || this.running.has(sweepId)) continue;
      const token = randomUUID();
      if (!(await acquireControllerLease(db, sweepId, token, this.options.leaseMs))) continue;
      const sweep = await getSweepOrThrow(db, sweepId);
      const blocking = createRedis(this.deps.redisUrl);
      blocking.on('error', () => {});
      const controller = new SweepController(
        sweep,
        token,
        // Every line of this sweep's controller carries its id.
        { ...this.deps, blocking, log: (m) => this.deps.log(m, { sweepId }) },
        this.options,
      );
      const done = controller
        .run()
        .then((over) => over && this.deps.log(`sweep ${sweepId}: controller done`, { sweepId }))
        .catch((err: unknown) =>
          this.deps.log(
            `sweep ${sweepId}: controller stopped (${oneLine(err)}); it restarts once its lease is free`,
            { sweepId, level: 'warn' },
          ),
        )
        .finally(() => {
          blocking.disconnect();
          this.running.delete(sweepId);
        });
      this.running.set(sweepId, { controller, done: done.then(() => undefined) });
    }
  }

  /** Stops polling and every controller of this process (they release their leases). Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    for (const { controller } of this.running.values()) controller.stop();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }
}
