import { replyStopDecision, type ControllerMessage, type ReportMessage } from '@sweepwise/queue';
import type { SweepLoop } from '@sweepwise/sweeps';
import type { ControllerScope } from './controller-scope.js';

/** Answers the reports in the inbox with the sweep loop's stop decisions (stored by the loop). */
export async function answerReports(
  scope: ControllerScope,
  loop: SweepLoop,
  messages: readonly ControllerMessage[],
): Promise<void> {
  const reports = messages.filter((m): m is ReportMessage => m.type === 'report');
  if (reports.length === 0) return;
  const replies = await loop.decide(
    reports.map((r) => ({
      trialId: r.trialId,
      tunerTrialId: r.tunerTrialId,
      step: r.step,
      value: r.value,
      requestId: r.requestId,
    })),
  );
  const { redis, prefix } = scope.deps;
  await Promise.all(
    reports.map((r, i) =>
      replyStopDecision(redis, prefix, r.replyTo, { requestId: r.requestId, ...replies[i] }).catch(
        () => 0,
      ),
    ),
  );
}
