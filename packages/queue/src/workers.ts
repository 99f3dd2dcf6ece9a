import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from './names.js';

/**
 * What a worker process accepts, registered in Redis while it lives. Commands are opt-in per
 * worker (`--allow-commands`), optionally only some programs (`--allow-programs`): the program a
 * sweep names must be on the list exactly as written (`python3` is not `/usr/bin/python3`).
 */
export interface WorkerCapabilities {
  workerId: string;
  commands: boolean;
  /** The programs it runs; null: any program (when `commands`). */
  programs: string[] | null;
}

/** A registry entry as read back: the capabilities and when the worker last renewed it. */
export interface LiveWorker extends WorkerCapabilities {
  /** Epoch ms of its last beat (null for an entry written before beats were stamped). */
  beatAt: number | null;
  /** Trial slots it has, and what it runs now (trial ids), as of its last beat. */
  slots: number | null;
  running: string[];
}

const registryKey = (prefix: string) => `${prefix}:workers`;

/**
 * The queue of the command trials a worker with these capabilities takes. One queue per policy
 * (any program, or one list), so every job in a queue is one its consumers accept.
 */
export function commandQueueName(programs: readonly string[] | null): string {
  if (programs === null) return QUEUE_NAMES.commands;
  const list = [...new Set(programs)].sort().join('\n');
  // BullMQ forbids ':' in queue names and programs may hold any character: a digest names the list.
  return `${QUEUE_NAMES.commands}-${createHash('sha256').update(list).digest('hex').slice(0, 16)}`;
}

export function acceptsProgram(worker: WorkerCapabilities, program: string): boolean {
  return worker.commands && (worker.programs === null || worker.programs.includes(program));
}

/**
 * Keeps this worker's entry alive: rewritten every `ttlMs / 3`, it lapses `ttlMs` after the
 * process dies, and is removed at once on a clean close.
 */
export class WorkerRegistration {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly capabilities: WorkerCapabilities,
    private readonly ttlMs: number,
    /** What it runs now, written with each beat for the status page. */
    private readonly status: () => { slots: number; running: string[] } = () => ({
      slots: 0,
      running: [],
    }),
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => 0), this.ttlMs / 3);
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    const entry = {
      ...this.capabilities,
      ...this.status(),
      beatAt: now,
      expiresAt: now + this.ttlMs,
    };
    await this.redis.hset(
      registryKey(this.prefix),
      this.capabilities.workerId,
      JSON.stringify(entry),
    );
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.hdel(registryKey(this.prefix), this.capabilities.workerId).catch(() => 0);
  }
}

/** The workers whose entry has not lapsed, with their last beat; lapsed ones are removed. */
export async function liveWorkerEntries(redis: Redis, prefix: string): Promise<LiveWorker[]> {
  const entries = await redis.hgetall(registryKey(prefix));
  const now = Date.now();
  const live: LiveWorker[] = [];
  const lapsed: string[] = [];
  for (const [workerId, raw] of Object.entries(entries)) {
    try {
      const e = JSON.parse(raw) as Partial<LiveWorker> & { expiresAt: number };
      if (e.expiresAt > now) {
        live.push({
          workerId,
          commands: e.commands === true,
          programs: e.programs ?? null,
          beatAt: typeof e.beatAt === 'number' ? e.beatAt : null,
          slots: typeof e.slots === 'number' ? e.slots : null,
          running: Array.isArray(e.running) ? e.running.map(String) : [],
        });
        continue;
      }
    } catch {
      // A malformed entry is dropped like a lapsed one.
    }
    lapsed.push(workerId);
  }
  if (lapsed.length > 0) await redis.hdel(registryKey(prefix), ...lapsed);
  return live.sort((a, b) => a.workerId.localeCompare(b.workerId));
}

/** The capabilities of the live workers (see liveWorkerEntries). */
export async function liveWorkers(redis: Redis, prefix: string): Promise<WorkerCapabilities[]> {
  return (await liveWorkerEntries(redis, prefix)).map(({ workerId, commands, programs }) => ({
    workerId,
    commands,
    programs,
  }));
}

/**
 * Where a command trial of `program` goes among the live workers: the queue of the policy most
 * live workers share, or null when none accepts it.
 */
export function commandRoute(
  workers: readonly WorkerCapabilities[],
  program: string,
): string | null {
  const counts = new Map<string, number>();
  for (const w of workers) {
    if (!acceptsProgram(w, program)) continue;
    const name = commandQueueName(w.programs);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > counts.get(best)!) best = name;
  return best;
}

/** Why a command sweep of `program` waits, or null when a live worker accepts it. */
export function commandWaitingReason(
  workers: readonly WorkerCapabilities[],
  program: string,
): string | null {
  if (workers.some((w) => acceptsProgram(w, program))) return null;
  const allowing = workers.filter((w) => w.commands);
  if (allowing.length === 0)
    return 'waiting: no worker accepts commands; start one with --allow-commands';
  const allowed = [...new Set(allowing.flatMap((w) => w.programs ?? []))].sort();
  return (
    `waiting: no worker accepts the program ${JSON.stringify(program)} (workers allow only ` +
    `${allowed.join(', ')}); start one with --allow-commands and no list, or with ` +
    `--allow-programs ${program}`
  );
}

/** The waiting reason of a command sweep, read from the live workers of `prefix`. */
export async function commandSweepWaiting(
  redis: Redis,
  prefix: string,
  program: string,
): Promise<string | null> {
  return commandWaitingReason(await liveWorkers(redis, prefix), program);
}
