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

/** `sentAt` (epoch ms) is stamped by sendToController, so the inbox's lag can be measured. */
export type ControllerMessage = (ReportMessage | WakeMessage) & { sentAt?: number };

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
  await redis.rpush(
    keys.controllerInbox(prefix, sweepId),
    encodeMessage({ ...message, sentAt: Date.now() }),
  );
}

/**
 * What waits in these sweeps' inboxes: messages, and how long the oldest has waited (the
 * controllers' lag; 0 when none waits). Read by the metrics endpoint.
 */
export async function controllerBacklog(
  redis: Redis,
  prefix: string,
  sweepIds: readonly string[],
): Promise<{ messages: number; oldestAgeMs: number }> {
  if (sweepIds.length === 0) return { messages: 0, oldestAgeMs: 0 };
  const pipeline = redis.pipeline();
  for (const id of sweepIds) {
    pipeline.llen(keys.controllerInbox(prefix, id));
    pipeline.lindex(keys.controllerInbox(prefix, id), 0);
  }
  const replies = (await pipeline.exec()) ?? [];
  let messages = 0;
  let oldest = Infinity;
  for (let i = 0; i < replies.length; i += 2) {
    messages += Number(replies[i][1] ?? 0);
    const head = replies[i + 1][1];
    const sentAt = typeof head === 'string' ? decodeMessage(head)[0]?.sentAt : undefined;
    if (typeof sentAt === 'number') oldest = Math.min(oldest, sentAt);
  }
  return { messages, oldestAgeMs: oldest === Infinity ? 0 : Math.max(0, Date.now() - oldest) };
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
