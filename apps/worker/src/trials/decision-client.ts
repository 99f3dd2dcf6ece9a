import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  keys,
  sendToController,
  type ReportMessage,
  type StopDecisionReply,
} from '@sweepwise/queue';

/**
 * Asks sweep controllers for stop decisions and waits for their answers on this process's own
 * channel. No answer within the timeout (controller restarting, Redis down) means carry on: a
 * missed stop costs an epoch, a stall would cost the trial.
 */
export class DecisionClient {
  private readonly waiting = new Map<string, (reply: StopDecisionReply | null) => void>();

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly workerId: string,
    private readonly timeoutMs: number,
  ) {
    subscriber.on('message', (_channel: string, raw: string) => {
      const reply = JSON.parse(raw) as StopDecisionReply;
      this.waiting.get(reply.requestId)?.(reply);
    });
  }

  static async open(
    redis: Redis,
    subscriber: Redis,
    prefix: string,
    workerId: string,
    timeoutMs: number,
  ): Promise<DecisionClient> {
    const client = new DecisionClient(redis, subscriber, prefix, workerId, timeoutMs);
    await subscriber.subscribe(keys.decisions(prefix, workerId));
    return client;
  }

  ask(
    sweepId: string,
    report: Omit<ReportMessage, 'type' | 'requestId' | 'replyTo'>,
  ): Promise<StopDecisionReply | null> {
    const requestId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), this.timeoutMs);
      const done = (reply: StopDecisionReply | null) => {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        resolve(reply);
      };
      this.waiting.set(requestId, done);
      sendToController(this.redis, this.prefix, sweepId, {
        type: 'report',
        requestId,
        replyTo: this.workerId,
        ...report,
      }).catch(() => done(null));
    });
  }

  /** Answers every pending request with "no decision" (shutdown). */
  close(): void {
    for (const done of [...this.waiting.values()]) done(null);
  }
}
