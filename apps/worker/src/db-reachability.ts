import { isTransientDbError, withDbRetry, type DbRetryOptions } from '@sweepwise/db';

/**
 * When this process last found Postgres unreachable. A trial's heartbeat is stale only after its
 * worker could have written it for `staleAfterMs`: during an outage no worker can, so after one
 * the controllers wait `staleAfterMs` of reachable time before retrying anything. Fed by every
 * database call of the process that tells (heartbeats, controller rounds, sweep polls).
 */
export class DbReachability {
  /** Start-up counts as a return: a new process has not seen the heartbeats before it. */
  private reachableSince = Date.now();
  private down = false;

  /** Records the outcome of a database call: a transient error marks Postgres down. */
  observe(err?: unknown): void {
    if (err !== undefined) {
      if (isTransientDbError(err)) this.down = true;
      return;
    }
    if (this.down) {
      this.down = false;
      this.reachableSince = Date.now();
    }
  }

  /** How long Postgres has answered without a break; 0 while it does not. */
  reachableForMs(): number {
    return this.down ? 0 : Date.now() - this.reachableSince;
  }

  /** `withDbRetry` that reports each failed try and the success. */
  retry<T>(fn: () => Promise<T>, options: DbRetryOptions = {}): Promise<T> {
    return withDbRetry(fn, {
      ...options,
      onRetry: (err, attempt) => {
        this.observe(err);
        options.onRetry?.(err, attempt);
      },
    }).then(
      (value) => {
        this.observe();
        return value;
      },
      (err: unknown) => {
        this.observe(err);
        throw err;
      },
    );
  }
}
