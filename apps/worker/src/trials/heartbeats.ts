import { heartbeatTrials, isTransientDbError, type Db } from '@sweepwise/db';
import type { DbReachability } from '../db-reachability.js';
import { oneLine } from '../one-line.js';

/**
 * Beats for every trial this process runs, in one UPDATE per interval. A trial the database no
 * longer gives to this worker (declared stale and retried elsewhere) is reported lost, so its
 * runner stops and its late results are not written.
 */
export class Heartbeats {
  private readonly trials = new Map<string, () => void>();
  private readonly timer: NodeJS.Timeout;
  private beating: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
    intervalMs: number,
    private readonly log: (message: string) => void,
    private readonly reachability: DbReachability,
  ) {
    this.timer = setInterval(() => void this.beat(), intervalMs);
    this.timer.unref();
  }

  track(trialId: string, onLost: () => void): void {
    this.trials.set(trialId, onLost);
  }

  /** The trials this process runs now. */
  get trialIds(): string[] {
    return [...this.trials.keys()];
  }

  untrack(trialId: string): void {
    this.trials.delete(trialId);
  }

  private beat(): Promise<void> {
    this.beating ??= this.send().finally(() => (this.beating = null));
    return this.beating;
  }

  private async send(): Promise<void> {
    const ids = [...this.trials.keys()];
    if (ids.length === 0) return;
    try {
      const held = new Set(await heartbeatTrials(this.db, this.workerId, ids));
      this.reachability.observe();
      for (const id of ids) {
        if (!held.has(id) && this.trials.has(id)) this.trials.get(id)?.();
      }
    } catch (err) {
      this.reachability.observe(err);
      // Postgres unreachable: the next beat tries again; the trials go on meanwhile.
      if (!isTransientDbError(err)) this.log(`heartbeat failed: ${oneLine(err)}`);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.trials.clear();
  }
}
