import type { Redis } from 'ioredis';
import {
  checkpointStoreFromEnv,
  CurveBuffer,
  TrialClaimer,
  TrialFinisher,
  type Db,
} from '@sweepwise/db';
import {
  commandQueueName,
  createRedis,
  createTrialQueue,
  createTrialWorker,
  SweepEventPublisher,
  WorkerRegistration,
  type TrialQueue,
  type TrialWorker,
} from '@sweepwise/queue';
import { redactUrlPasswords } from '@sweepwise/sweeps';
import { ControllerSupervisor } from './controller/controller-supervisor.js';
import { TrialRouter } from './controller/trial-router.js';
import { DbReachability } from './db-reachability.js';
import type { WorkerOptions } from './options.js';
import { startMaintenance } from './maintenance.js';
import { startPromotionWorker } from './promotion/promotion-worker.js';
import { DecisionClient } from './trials/decision-client.js';
import { Heartbeats } from './trials/heartbeats.js';
import { SweepCache } from './trials/sweep-cache.js';
import { TrialProcessor } from './trials/trial-processor.js';
import { TrialSlots } from './trials/trial-slots.js';
import type { Log } from './logger.js';
import { oneLine } from './one-line.js';
import { WorkerMetrics } from './worker-metrics.js';

/** A controller waits at most this long for a message before it looks at the database. */
const CONTROLLER_IDLE_WAIT_MS = 200;
/** Save the tuner's state at least this often while trials end (it is also saved per allocation). */
const SAVE_STATE_EVERY_MS = 1000;

/**
 * One worker process: trial runners (`trialConcurrency` at once) and, unless disabled, sweep
 * controllers. Start as many as you like, on as many machines, against the same Redis and
 * Postgres.
 */
export class WorkerNode {
  private readonly connections: Redis[] = [];
  private queue!: TrialQueue;
  private router!: TrialRouter;
  /** The trials queue's worker, and the command queue's when commands are allowed here. */
  private workers: TrialWorker[] = [];
  private registration!: WorkerRegistration;
  private processor!: TrialProcessor;
  private supervisor: ControllerSupervisor | null = null;
  private promotions: ReturnType<typeof startPromotionWorker> | null = null;
  private maintenance: Awaited<ReturnType<typeof startMaintenance>> | null = null;
  private heartbeats!: Heartbeats;
  private decisions!: DecisionClient;
  private curves!: CurveBuffer;
  private events!: SweepEventPublisher;
  private closing: Promise<void> | null = null;
  private started = false;
  private slots!: TrialSlots;
  /** Its Prometheus registry, served by main.ts at /metrics. */
  metrics!: WorkerMetrics;

  constructor(
    private readonly db: Db,
    private readonly redisUrl: string,
    readonly options: WorkerOptions,
    // Errors of the drivers may quote DATABASE_URL or REDIS_URL: never with their password.
    private readonly log: Log = (m) => console.log(redactUrlPasswords(`sweepwise worker: ${m}`)),
  ) {}

  private connection(): Redis {
    const redis = createRedis(this.redisUrl);
    // ioredis reconnects by itself; without a listener each failed attempt would be an uncaught error.
    redis.on('error', () => {});
    this.connections.push(redis);
    return redis;
  }

  async start(): Promise<void> {
    const { db, options, log } = this;
    const redis = this.connection();
    this.queue = createTrialQueue(redis, options.prefix);
    this.router = new TrialRouter(redis, options.prefix, this.queue);
    this.events = new SweepEventPublisher(redis, options.prefix);
    this.curves = new CurveBuffer(db, {
      onDrop: (err, n) => log(`dropped ${n} curve points: ${oneLine(err)}`),
      onStored: (n) => this.metrics.curvePoints.inc(n),
    });
    const reachability = new DbReachability();
    this.slots = new TrialSlots(options.trialConcurrency);
    const checkpoints = checkpointStoreFromEnv();
    this.heartbeats = new Heartbeats(
      db,
      options.workerId,
      options.heartbeatIntervalMs,
      log,
      reachability,
    );
    this.decisions = await DecisionClient.open(
      redis,
      this.connection(),
      options.prefix,
      options.workerId,
      options.decisionTimeoutMs,
    );
    const capabilities = {
      workerId: options.workerId,
      commands: options.allowCommands,
      programs: options.allowPrograms,
    };
    this.processor = new TrialProcessor({
      db,
      capabilities,
      redis,
      prefix: options.prefix,
      workerId: options.workerId,
      curves: this.curves,
      claimer: new TrialClaimer(db),
      finisher: new TrialFinisher(db, { curves: this.curves }),
      events: this.events,
      decisions: this.decisions,
      sweeps: new SweepCache(db),
      heartbeats: this.heartbeats,
      slots: this.slots,
      checkpointIntervalMs: options.checkpointIntervalMs,
      checkpoints,
      curveCaps: {
        metricsPerTrial: options.maxMetricsPerTrial,
        pointsPerCurve: options.maxPointsPerCurve,
      },
      log,
    });
    // Both queues share the trial slots: a job waits for a slot before its trial is claimed.
    const queueNames = [
      undefined,
      ...(options.allowCommands ? [commandQueueName(options.allowPrograms)] : []),
    ];
    this.metrics = new WorkerMetrics(options.workerId, {
      slots: () => ({ total: this.slots.capacity, busy: this.slots.busy }),
      runningTrials: () => this.heartbeats.trialIds.length,
      dbReachableMs: () => reachability.reachableForMs(),
    });
    const process = async (job: Parameters<TrialProcessor['process']>[0]) => {
      const result = await this.processor.process(job);
      this.metrics.trialsEnded.inc({ outcome: result.outcome });
      return result;
    };
    this.workers = queueNames.map((queueName) => {
      const worker = createTrialWorker(this.connection(), process, {
        prefix: options.prefix,
        concurrency: options.trialConcurrency,
        // A job whose worker died is released about when its trial is declared stale.
        lockDurationMs: Math.max(5000, options.staleAfterMs),
        queueName,
      });
      worker.on('error', (err) => log(`queue: ${err.message}`));
      return worker;
    });
    // Controllers route command trials by this entry, and say so when no worker accepts them.
    this.registration = new WorkerRegistration(
      redis,
      options.prefix,
      capabilities,
      options.staleAfterMs,
      // The status page shows each worker's slots and the trials it runs.
      () => ({ slots: this.slots.capacity, running: this.heartbeats.trialIds }),
    );
    await this.registration.start();
    this.promotions = startPromotionWorker({
      db,
      connection: this.connection(),
      prefix: options.prefix,
    });
    this.promotions.on('error', (err) => log(`promotions: ${err.message}`));
    this.maintenance = await startMaintenance({
      db,
      connection: this.connection(),
      prefix: options.prefix,
      everyMs: options.maintenanceIntervalMs,
      wallTimeGraceMs: options.wallTimeGraceMs,
      log,
    });
    if (options.runControllers) {
      this.supervisor = new ControllerSupervisor(
        {
          db,
          redisUrl: this.redisUrl,
          redis,
          router: this.router,
          events: this.events,
          prefix: options.prefix,
          log,
          reachability,
          checkpoints,
        },
        {
          leaseMs: options.controllerLeaseMs,
          keepBestCheckpoints: options.keepBestCheckpoints,
          staleAfterMs: options.staleAfterMs,
          maxAttempts: options.maxAttempts,
          idleWaitMs: CONTROLLER_IDLE_WAIT_MS,
          requeueAfterMs: Math.max(1000, options.heartbeatIntervalMs),
          saveStateEveryMs: SAVE_STATE_EVERY_MS,
          pollMs: options.controllerPollMs,
          onlySweepIds: options.onlySweepIds,
        },
      );
      this.supervisor.start();
    }
    const commands = !options.allowCommands
      ? 'no commands (start with --allow-commands to run them)'
      : options.allowPrograms
        ? `commands of ${options.allowPrograms.join(', ')} only`
        : 'commands of any program';
    log(
      `${options.workerId} runs ${options.trialConcurrency} trials at once` +
        (options.runControllers ? ' and sweep controllers' : '') +
        `; ${commands}`,
    );
    this.started = true;
  }

  /** Started and not closing: what the worker's `/health` answers. */
  get serving(): boolean {
    return this.started && this.closing === null;
  }

  /**
   * Graceful stop (SIGTERM): no new jobs; running trials stop at their next report (after their
   * checkpoint) and are handed back to the queue without spending an attempt; after
   * `shutdownGraceMs` the rest are abandoned to the heartbeat-based retry. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
      try {
        await fn();
      } catch (err) {
        this.log(`shutdown: ${name} failed: ${String(err)}`);
      }
    };
    await step('registration', () => this.registration.close());
    await step('controllers', () => this.supervisor?.close());
    await step('promotions', () => this.promotions?.close());
    await step('maintenance', () => this.maintenance?.close());
    this.processor.shutdown();
    let grace: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      grace = setTimeout(() => resolve('timeout'), this.options.shutdownGraceMs);
    });
    const closed = Promise.all(this.workers.map((w) => w.close()));
    if ((await Promise.race([closed, graceOver])) === 'timeout') {
      this.log('shutdown: trials still running after the grace period; abandoning them to a retry');
      this.processor.shutdown(true);
      await step('queue worker', () => Promise.all(this.workers.map((w) => w.close(true))));
    }
    clearTimeout(grace);
    await step('curve points', () => this.curves.flush());
    this.heartbeats.close();
    this.decisions.close();
    await step('events', () => this.events.flush());
    await step('queue', () => Promise.all([this.queue.close(), this.router.close()]));
    await Promise.all(this.connections.map((c) => step('redis', () => c.quit())));
  }
}
