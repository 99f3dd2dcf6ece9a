import type { Redis } from 'ioredis';
import type { CheckpointStore, Db } from '@sweepwise/db';
import type { SweepEventPublisher } from '@sweepwise/queue';
import type { DbReachability } from '../db-reachability.js';
import type { TrialRouter } from './trial-router.js';

export interface ControllerOptions {
  leaseMs: number;
  staleAfterMs: number;
  maxAttempts: number;
  /** Longest wait for a message before the controller looks at the database anyway. */
  idleWaitMs: number;
  /** Queued trials older than this get their job added again (lost with a Redis restart). */
  requeueAfterMs: number;
  /**
   * How often, at most, the tuner's state is saved while it changes; less often once a save costs
   * more than a twentieth of that (a restart catches up from the trials).
   */
  saveStateEveryMs: number;
  /** Finished trials that keep their checkpoints, the best by objective (and promoted ones). */
  keepBestCheckpoints: number;
}

export interface ControllerDeps {
  db: Db;
  redis: Redis;
  /** A connection of this controller's own: the inbox blocks on it. */
  blocking: Redis;
  router: TrialRouter;
  events: SweepEventPublisher;
  prefix: string;
  log: (message: string) => void;
  reachability: DbReachability;
  checkpoints: CheckpointStore | null;
}

/** What each part of a sweep's controller works with: the sweep, its lease token, the services. */
export interface ControllerScope {
  sweepId: string;
  token: string;
  deps: ControllerDeps;
  options: ControllerOptions;
  /** Database calls wait out a short Postgres outage, but not past the lease. */
  retry<T>(fn: () => Promise<T>): Promise<T>;
}

export function controllerScope(
  sweepId: string,
  token: string,
  deps: ControllerDeps,
  options: ControllerOptions,
): ControllerScope {
  return {
    sweepId,
    token,
    deps,
    options,
    retry: (fn) => deps.reachability.retry(fn, { retryForMs: options.leaseMs }),
  };
}
