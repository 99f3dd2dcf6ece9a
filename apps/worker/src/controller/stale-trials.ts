import { recoverStaleTrials } from '@sweepwise/db';
import type { BullmqTrialQueue } from './allocation.js';
import type { ControllerScope } from './controller-scope.js';

/**
 * Trials whose worker stopped sending heartbeats: retried (queued again) until maxAttempts, then
 * failed; cancelled instead once the sweep has `ended`.
 */
export async function retryStaleTrials(
  scope: ControllerScope,
  trialQueue: BullmqTrialQueue,
  ended: boolean,
): Promise<void> {
  const { deps, options, sweepId } = scope;
  // Heartbeats missed while Postgres was unreachable say nothing about the workers: staleness
  // counts from when it answers again.
  if (deps.reachability.reachableForMs() < options.staleAfterMs) return;
  const stale = await scope.retry(() =>
    recoverStaleTrials(deps.db, sweepId, {
      staleAfterMs: options.staleAfterMs,
      maxAttempts: options.maxAttempts,
      cancel: ended,
    }),
  );
  for (const t of stale) {
    deps.log(
      `sweep ${sweepId}: trial ${t.number} lost its worker (attempt ${t.attempts}); now ${t.state}`,
    );
    deps.events.publish({
      type: 'trial.failed',
      sweepId,
      trialId: t.id,
      number: t.number,
      error: `the worker stopped sending heartbeats during attempt ${t.attempts}`,
      willRetry: t.state === 'queued',
    });
  }
  await trialQueue.enqueue(stale.filter((t) => t.state === 'queued'));
}
