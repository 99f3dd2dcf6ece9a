import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { DEFAULT_KEEP_BEST_CHECKPOINTS } from '@sweepwise/db';
import { DEFAULT_CURVE_CAPS } from './trials/curve-caps.js';

/** Everything a worker process can be tuned with; times in milliseconds. */
export interface WorkerOptions {
  /** Names this process in trials (`workerId`) and on its decisions channel. */
  workerId: string;
  /** Prefix of every Redis key (queues, events, inboxes). */
  prefix: string;
  /** Trials this process runs at once. */
  trialConcurrency: number;
  /** Whether this process also runs sweep controllers (any process may; one per sweep at a time). */
  runControllers: boolean;
  /** Control only these sweeps (a worker pinned to some sweeps; tests); null: any sweep. */
  onlySweepIds: string[] | null;
  heartbeatIntervalMs: number;
  /** A running trial without a heartbeat for this long is retried elsewhere. */
  staleAfterMs: number;
  /** Attempts per trial (first run included) before it is marked failed. */
  maxAttempts: number;
  /** A controller's lease on its sweep; another process takes over this long after it dies. */
  controllerLeaseMs: number;
  /** How often idle processes look for sweeps without a controller. */
  controllerPollMs: number;
  /** How long a report waits for the controller's stop decision before carrying on. */
  decisionTimeoutMs: number;
  /** On SIGTERM, how long running trials get to reach a report and hand back. */
  shutdownGraceMs: number;
  /**
   * Least time between two stored checkpoints of a trial: a retry loses at most this much work
   * (plus a step), and big models write less. 0: every checkpoint a runner offers (each epoch).
   */
  checkpointIntervalMs: number;
  /**
   * Finished trials of a sweep that keep their checkpoints, the best by objective (promoted ones
   * keep theirs too); the rest are dropped as trials end (see applyCheckpointRetention).
   */
  keepBestCheckpoints: number;
  /** Distinct metric names a trial may report (a report past it fails the trial). */
  maxMetricsPerTrial: number;
  /** Steps a trial may report per metric. */
  maxPointsPerCurve: number;
  /** How often the maintenance job (VACUUM ANALYZE, stuck sweeps) runs, cluster-wide. */
  maintenanceIntervalMs: number;
  /** How far past its max wall time a running sweep is ended by maintenance. */
  wallTimeGraceMs: number;
  /** Whether this process runs command trials (`--allow-commands`); engine trials always. */
  allowCommands: boolean;
  /** Only these programs, as a sweep names them (`--allow-programs`); null: any. */
  allowPrograms: string[] | null;
}

const HEARTBEAT_INTERVAL_MS = 2000;

/** Derived defaults: stale after 5 missed heartbeats, so one slow beat never retries a trial. */
export function defaultWorkerOptions(): WorkerOptions {
  return {
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    prefix: 'sweepwise',
    trialConcurrency: availableParallelism(),
    runControllers: true,
    onlySweepIds: null,
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
    staleAfterMs: 5 * HEARTBEAT_INTERVAL_MS,
    maxAttempts: 3,
    controllerLeaseMs: 10_000,
    controllerPollMs: 1000,
    decisionTimeoutMs: 10_000,
    shutdownGraceMs: 30_000,
    checkpointIntervalMs: 0,
    keepBestCheckpoints: DEFAULT_KEEP_BEST_CHECKPOINTS,
    maxMetricsPerTrial: DEFAULT_CURVE_CAPS.metricsPerTrial,
    maxPointsPerCurve: DEFAULT_CURVE_CAPS.pointsPerCurve,
    maintenanceIntervalMs: 15 * 60_000,
    wallTimeGraceMs: 60_000,
    allowCommands: false,
    allowPrograms: null,
  };
}

type StringOption =
  'workerId' | 'prefix' | 'runControllers' | 'onlySweepIds' | 'allowCommands' | 'allowPrograms';
const ENV: Record<Exclude<keyof WorkerOptions, StringOption>, string> = {
  trialConcurrency: 'SWEEPWISE_TRIAL_CONCURRENCY',
  heartbeatIntervalMs: 'SWEEPWISE_HEARTBEAT_INTERVAL_MS',
  staleAfterMs: 'SWEEPWISE_STALE_AFTER_MS',
  maxAttempts: 'SWEEPWISE_MAX_ATTEMPTS',
  controllerLeaseMs: 'SWEEPWISE_CONTROLLER_LEASE_MS',
  controllerPollMs: 'SWEEPWISE_CONTROLLER_POLL_MS',
  decisionTimeoutMs: 'SWEEPWISE_DECISION_TIMEOUT_MS',
  shutdownGraceMs: 'SWEEPWISE_SHUTDOWN_GRACE_MS',
  checkpointIntervalMs: 'SWEEPWISE_CHECKPOINT_INTERVAL_MS',
  keepBestCheckpoints: 'SWEEPWISE_KEEP_CHECKPOINTS',
  maxMetricsPerTrial: 'SWEEPWISE_MAX_METRICS_PER_TRIAL',
  maxPointsPerCurve: 'SWEEPWISE_MAX_POINTS_PER_CURVE',
  maintenanceIntervalMs: 'SWEEPWISE_MAINTENANCE_INTERVAL_MS',
  wallTimeGraceMs: 'SWEEPWISE_WALL_TIME_GRACE_MS',
};

/** Options from the environment; a bad value throws an error naming the variable. */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerOptions {
  const options = defaultWorkerOptions();
  for (const [key, name] of Object.entries(ENV) as [keyof typeof ENV, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
    }
    options[key] = value;
  }
  if (!env.SWEEPWISE_STALE_AFTER_MS) options.staleAfterMs = 5 * options.heartbeatIntervalMs;
  if (env.SWEEPWISE_WORKER_ID) options.workerId = env.SWEEPWISE_WORKER_ID;
  if (env.SWEEPWISE_QUEUE_PREFIX) options.prefix = env.SWEEPWISE_QUEUE_PREFIX;
  if (env.SWEEPWISE_SWEEP_IDS) options.onlySweepIds = env.SWEEPWISE_SWEEP_IDS.split(',');
  if (env.SWEEPWISE_CONTROLLERS !== undefined) {
    if (!['0', '1'].includes(env.SWEEPWISE_CONTROLLERS)) {
      throw new Error(
        `SWEEPWISE_CONTROLLERS must be 0 or 1, got ${JSON.stringify(env.SWEEPWISE_CONTROLLERS)}`,
      );
    }
    options.runControllers = env.SWEEPWISE_CONTROLLERS === '1';
  }
  if (env.SWEEPWISE_ALLOW_COMMANDS !== undefined) {
    if (!['0', '1'].includes(env.SWEEPWISE_ALLOW_COMMANDS)) {
      throw new Error(
        `SWEEPWISE_ALLOW_COMMANDS must be 0 or 1, got ${JSON.stringify(env.SWEEPWISE_ALLOW_COMMANDS)}`,
      );
    }
    options.allowCommands = env.SWEEPWISE_ALLOW_COMMANDS === '1';
  }
  if (env.SWEEPWISE_ALLOW_PROGRAMS) {
    options.allowPrograms = programList('SWEEPWISE_ALLOW_PROGRAMS', env.SWEEPWISE_ALLOW_PROGRAMS);
    options.allowCommands = true;
  }
  if (options.staleAfterMs <= options.heartbeatIntervalMs) {
    throw new Error(
      `SWEEPWISE_STALE_AFTER_MS (${options.staleAfterMs}) must exceed SWEEPWISE_HEARTBEAT_INTERVAL_MS (${options.heartbeatIntervalMs})`,
    );
  }
  return options;
}

function programList(name: string, raw: string): string[] {
  const programs = raw.split(',').map((p) => p.trim());
  if (programs.some((p) => p === ''))
    throw new Error(
      `${name} must be program names separated by commas, got ${JSON.stringify(raw)}`,
    );
  return programs;
}

export const WORKER_USAGE =
  'usage: sweepwise-worker [--allow-commands] [--allow-programs python3,node]';

/**
 * The command line on top of the environment: `--allow-commands` lets this process run sweeps'
 * commands, `--allow-programs a,b` (or `=a,b`) only those programs (it implies --allow-commands).
 */
export function workerOptionsFromArgs(
  args: readonly string[],
  options: WorkerOptions,
): WorkerOptions {
  const result = { ...options };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '--allow-commands' && inline === undefined) result.allowCommands = true;
    else if (flag === '--allow-programs') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new Error(`--allow-programs needs a list; ${WORKER_USAGE}`);
      result.allowPrograms = programList('--allow-programs', value);
      result.allowCommands = true;
    } else throw new Error(`unknown argument ${JSON.stringify(args[i])}; ${WORKER_USAGE}`);
  }
  return result;
}
