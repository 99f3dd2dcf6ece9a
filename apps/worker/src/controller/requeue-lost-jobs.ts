import { queuedTrials } from '@sweepwise/db';
import { trialJobId } from '@sweepwise/queue';
import type { BullmqTrialQueue } from './allocation.js';
import type { ControllerScope } from './controller-scope.js';

/**
 * Queued trials whose job is gone (Redis restarted) or ended without running them (the sweep was
 * paused, or its worker died before claiming it and BullMQ failed the stalled job): add the job
 * again. A job still waiting or active is left alone, so this is safe to repeat. A command
 * trial's job is looked for in the queue it would be routed to now: one left in the queue of
 * workers that are gone is added there again (the trial's claim lets only one job run it).
 */
export async function requeueLostJobs(
  scope: ControllerScope,
  trialQueue: BullmqTrialQueue,
): Promise<void> {
  const queue = await trialQueue.route();
  if (!queue) return;
  const waiting = await scope.retry(() =>
    queuedTrials(scope.deps.db, scope.sweepId, scope.options.requeueAfterMs),
  );
  const lost = await Promise.all(
    waiting.map(async (t) => {
      const jobId = trialJobId(t.id, t.attempts + 1);
      const state = await queue.getJobState(jobId);
      if (state === 'completed' || state === 'failed') await queue.remove(jobId);
      return ['unknown', 'completed', 'failed'].includes(state) ? [t] : [];
    }),
  );
  await trialQueue.enqueue(lost.flat());
}
