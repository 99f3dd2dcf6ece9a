import type { Redis } from 'ioredis';
import { keys } from './names.js';

/** A worker asks the sweep's controller whether a trial should stop after a report. */
export interface ReportMessage {
  type: 'report';
  requestId: string;
  /** The worker process to answer (its decisions channel). */
  replyTo: string;
  trialId: string;
  tunerTrialId: string;
  step: number;
  value: number | null;
}

/** Something changed in the database (a trial ended, a trial was given back): look again. */
export interface WakeMessage {
  type: 'wake';
}

export type ControllerMessage = ReportMessage | WakeMessage;

export interface StopDecisionReply {
  requestId: string;
  stop: boolean;
  rule: string;
  reason: string;
}

/** Sends a message to a sweep's controller (wherever it runs). */
export async function sendToController(
  redis: Redis,
  prefix: string,
  sweepId: string,
  message: ControllerMessage,
): Promise<void> {
  await redis.rpush(keys.controllerInbox(prefix, sweepId), encodeMessage(message));
}

/** The controller's end: waits for messages on a connection of its own (BLPOP blocks it). */
export class ControllerInbox {
  private pendingPop: Promise<[string, string] | null> | null = null;

  constructor(
    private readonly blocking: Redis,
    private readonly key: string,
  ) {}

  static for(blocking: Redis, prefix: string, sweepId: string): ControllerInbox {
    return new ControllerInbox(blocking, keys.controllerInbox(prefix, sweepId));
  }

  /**
   * Returns the waiting messages, waiting up to `maxWaitMs` for the first. While Redis is down it
   * returns [] after the wait; a pop still pending then is picked up by the next call, so a
   * message it brings is not lost.
   */
  async take(maxWaitMs: number, maxMessages = 1000): Promise<ControllerMessage[]> {
    this.pendingPop ??= this.blocking
      .blpop(this.key, Math.max(0.01, maxWaitMs / 1000))
      .finally(() => (this.pendingPop = null));
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      this.pendingPop,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), maxWaitMs + 250))),
    ]).finally(() => clearTimeout(timer));
    if (!first) return [];
    const rest = (await this.blocking.lpop(this.key, maxMessages - 1)) ?? [];
    return [first[1], ...rest].flatMap(decodeMessage);
  }
}

/** Answers a worker's report. */
export async function replyStopDecision(
  redis: Redis,
  prefix: string,
  workerId: string,
  reply: StopDecisionReply,
): Promise<void> {
  await redis.publish(keys.decisions(prefix, workerId), JSON.stringify(reply));
}

function encodeMessage(message: ControllerMessage): string {
  return JSON.stringify(message, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}

/** Inverse of encodeMessage; NaN and infinities travel as strings. */
function decodeMessage(raw: string): ControllerMessage[] {
  try {
    const m = JSON.parse(raw) as ControllerMessage;
    if (m.type === 'report' && typeof m.value === 'string') m.value = Number(m.value);
    return [m];
  } catch {
    return [];
  }
}
