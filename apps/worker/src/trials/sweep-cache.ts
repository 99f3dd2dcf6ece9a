import { getSweepOrThrow, withDbRetry, type Db, type SweepStatus } from '@sweepwise/db';
import { trialSweepOf, type TrialSweep } from '@sweepwise/runners';
import { sweepSpecOf } from '@sweepwise/sweeps';

/** How stale a sweep's status may be when a report asks; bounds how late a cancel is seen. */
const STATUS_TTL_MS = 500;

/**
 * Sweep settings per worker process: the fixed ones read once, the status re-read at most every
 * STATUS_TTL_MS however many trials of the sweep report, so cancels reach running trials fast
 * without a query per report.
 */
export class SweepCache {
  private readonly specs = new Map<string, Promise<TrialSweep>>();
  private readonly statuses = new Map<string, { at: number; status: Promise<SweepStatus> }>();

  constructor(private readonly db: Db) {}

  spec(sweepId: string): Promise<TrialSweep> {
    let spec = this.specs.get(sweepId);
    if (!spec) {
      spec = withDbRetry(() => getSweepOrThrow(this.db, sweepId)).then((s) => {
        // The command's secret env values too: its child gets them.
        const spec = sweepSpecOf(s, { secrets: 'keep' });
        const maxS = spec.budget.maxWallTimeS;
        return {
          ...trialSweepOf(s.id, spec),
          // Trials are claimed only once the sweep has started, so startedAt is set and stays.
          wallTime:
            maxS !== null && s.startedAt
              ? { maxS, endsAt: s.startedAt.getTime() + maxS * 1000 }
              : null,
        };
      });
      spec.catch(() => this.specs.delete(sweepId));
      this.specs.set(sweepId, spec);
    }
    return spec;
  }

  /** The sweep's status, at most STATUS_TTL_MS old (the last known while Postgres is unreachable). */
  status(sweepId: string): Promise<SweepStatus> {
    const cached = this.statuses.get(sweepId);
    if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.status;
    // Never rejects: an outage must not fail the trials that merely ask.
    const lastKnown = cached?.status ?? Promise.resolve<SweepStatus>('running');
    const status = this.db.sweep
      .findUniqueOrThrow({ where: { id: sweepId }, select: { status: true } })
      .then(
        (s) => s.status,
        () => lastKnown,
      );
    this.statuses.set(sweepId, { at: Date.now(), status });
    return status;
  }
}
