import { Prisma } from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps';
import { describeError, sweepSplit, type SweepSplit } from '@sweepwise/runners';
import type { ControllerScope } from './controller-scope.js';

/**
 * Fixes an engine sweep's data split before its first trial (issue 8): every trial shares it,
 * and a promotion later re-creates it and refuses if its test hash no longer matches. Set once:
 * a restarted controller keeps the stored one.
 */
export async function fixDataSplit(
  scope: ControllerScope,
  spec: SweepSpec,
  stored: unknown,
): Promise<void> {
  const { workload } = spec;
  // A benchmark's workloads each have their own data set: no one split to fix.
  if (stored !== null || !('engine' in workload) || workload.benchmark) return;
  let split: SweepSplit;
  try {
    split = sweepSplit(workload.engine);
  } catch (err) {
    // The trials will fail with the same data error, each with its message.
    scope.deps.log(`sweep ${scope.sweepId}: no data split fixed (${describeError(err)})`);
    return;
  }
  await scope.retry(() =>
    scope.deps.db.sweep.updateMany({
      where: { id: scope.sweepId, split: { equals: Prisma.DbNull } },
      data: { split: split as unknown as Prisma.InputJsonObject },
    }),
  );
}
