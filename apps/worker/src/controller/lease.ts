import { releaseControllerLease, renewControllerLease, type SweepLeaseView } from '@sweepwise/db';
import type { ControllerScope } from './controller-scope.js';

/**
 * The controller's lease on its sweep, renewed every third of its length: the renewal answers the
 * sweep's status and budget as they are stored now (a user may pause it or change its budget).
 */
export class ControllerLease {
  private nextRenew = 0;
  view!: SweepLeaseView;

  constructor(private readonly scope: ControllerScope) {}

  /** Renews now; throws LeaseLostError when another controller holds the sweep. */
  async renew(): Promise<SweepLeaseView> {
    const { scope } = this;
    this.view = await scope.retry(() =>
      renewControllerLease(scope.deps.db, scope.sweepId, scope.token, scope.options.leaseMs),
    );
    this.nextRenew = Date.now() + scope.options.leaseMs / 3;
    return this.view;
  }

  /** Renews when a third of the lease has passed; whether the status changed. */
  async renewWhenDue(): Promise<boolean> {
    if (Date.now() < this.nextRenew) return false;
    const previous = this.view.status;
    await this.renew();
    return this.view.status !== previous;
  }

  /** Whoever polls next may take the sweep over at once instead of waiting out the lease. */
  release(): Promise<unknown> {
    const { scope } = this;
    return releaseControllerLease(scope.deps.db, scope.sweepId, scope.token).catch(() => undefined);
  }
}
