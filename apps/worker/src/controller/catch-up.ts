import { setTunerTrialIds, trialsForTuner } from '@sweepwise/db';
import type { SweepLoop, SweepSpec } from '@sweepwise/sweeps';
import type { ControllerScope } from './controller-scope.js';

/**
 * After a restart the saved study (saved every `saveStateEveryMs`) may lag the database: the loop
 * catches up with the stored trials (those allocated since get their new tuner ids stored here),
 * and running trials' reports it never heard are replayed from their curve points.
 */
export async function catchUp(
  scope: ControllerScope,
  loop: SweepLoop,
  spec: SweepSpec,
): Promise<void> {
  const { db } = scope.deps;
  const rows = await scope.retry(() => trialsForTuner(db, scope.sweepId));
  const renamed = loop.catchUp(rows);
  await scope.retry(() => setTunerTrialIds(db, renamed));
  const running = loop.openTrials();
  if (!spec.stopper || running.length === 0) return;
  const points = await db.curvePoint.findMany({
    where: {
      metric: spec.metric.name,
      trial: { sweepId: scope.sweepId, tunerTrialId: { in: running } },
    },
    select: { step: true, value: true, trial: { select: { tunerTrialId: true } } },
    orderBy: { step: 'asc' },
  });
  for (const p of points) loop.replay(String(p.trial.tunerTrialId), p.step, p.value);
}
