// The Sweepwise worker process: trial runners and sweep controllers. Start any number of them, on
// any machines, against the same Postgres and Redis:
//   DATABASE_URL=postgresql://... REDIS_URL=redis://... node apps/worker/dist/main.js
//   node apps/worker/dist/main.js --allow-commands [--allow-programs python3,node]
// Command trials run only on workers started with --allow-commands (SWEEPWISE_ALLOW_COMMANDS=1),
// and only the listed programs with --allow-programs (SWEEPWISE_ALLOW_PROGRAMS=python3,node).
// Optional (defaults in options.ts):
//   SWEEPWISE_TRIAL_CONCURRENCY      trials at once in this process (default: one per core)
//   SWEEPWISE_CONTROLLERS=0          run no sweep controllers here (trials only)
//   SWEEPWISE_SWEEP_IDS=a,b          control only these sweeps (pinned workers, tests)
//   SWEEPWISE_QUEUE_PREFIX           Redis key prefix (default sweepwise; one per installation)
//   SWEEPWISE_CODE_DIR               where commands run (default: this process' directory)
//   SWEEPWISE_DATA_DIR               the only folder data files are read from (default: data/
//                                    under SWEEPWISE_CODE_DIR); SWEEPWISE_MAX_DATA_FILE_BYTES 64 MiB
//   SWEEPWISE_TRIAL_HEAP_MB          an engine trial thread's JS heap (2048); over it, or over
//                                    SWEEPWISE_MAX_MODEL_BYTES, a trial fails as out of memory
//   SWEEPWISE_HEARTBEAT_INTERVAL_MS  2000; SWEEPWISE_STALE_AFTER_MS 5 heartbeats;
//   SWEEPWISE_MAX_ATTEMPTS 3; SWEEPWISE_CONTROLLER_LEASE_MS 10000; SWEEPWISE_CONTROLLER_POLL_MS 1000;
//   SWEEPWISE_DECISION_TIMEOUT_MS 10000; SWEEPWISE_SHUTDOWN_GRACE_MS 30000; SWEEPWISE_WORKER_ID;
//   SWEEPWISE_CHECKPOINT_INTERVAL_MS  least time between a trial's stored checkpoints (default:
//                                    every epoch; a retry then loses at most that much work).
//   SWEEPWISE_KEEP_CHECKPOINTS 3; SWEEPWISE_CHECKPOINT_STORE file|postgres; SWEEPWISE_CHECKPOINT_DIR;
//   SWEEPWISE_MAX_METRICS_PER_TRIAL 100; SWEEPWISE_MAX_POINTS_PER_CURVE 100000;
//   SWEEPWISE_MAINTENANCE_INTERVAL_MS 900000; SWEEPWISE_WALL_TIME_GRACE_MS 60000 (README).
//   SWEEPWISE_METRICS_PORT           serve /health and /metrics on this port (default: none; compose: 9464),
//                                    on SWEEPWISE_METRICS_HOST (default 127.0.0.1)
//   LOG_LEVEL                        info (fatal, error, warn, info, debug, trace, silent): JSON
//                                    lines (pino) with workerId, and sweepId / trialId where known
// SIGTERM/SIGINT: running trials stop at their next report and go back to the queue.
import { databaseUrl, getDb, pingDb } from '@sweepwise/db';
import { pingRedis, redisUrl } from '@sweepwise/queue';
import { redactUrlPasswords } from '@sweepwise/sweeps';
import type { Logger } from 'pino';
import { createLogger, logTo } from './logger.js';
import { metricsServerOptionsFromEnv, startMetricsServer } from './metrics-server.js';
import { workerOptionsFromArgs, workerOptionsFromEnv } from './options.js';
import { WorkerNode } from './worker-node.js';

/** Refuses to start without both services, naming the one that is missing and how to start it. */
async function checkServices(logger: Logger): Promise<void> {
  const [redis, db] = await Promise.all([pingRedis(redisUrl()), pingDb(getDb(), databaseUrl())]);
  const problems = [redis, db].filter((p) => !p.ok).map((p) => p.error);
  if (problems.length > 0) {
    for (const p of problems) logger.error(p);
    process.exit(1);
  }
  logger.info(`connected to Redis at ${redis.address} and Postgres at ${db.address}`);
}

async function main(): Promise<void> {
  const options = workerOptionsFromArgs(process.argv.slice(2), workerOptionsFromEnv());
  const metrics = metricsServerOptionsFromEnv();
  const logger = createLogger(options.workerId);
  await checkServices(logger);
  const node = new WorkerNode(getDb(), redisUrl(), options, logTo(logger));
  await node.start();
  const server =
    metrics && (await startMetricsServer(metrics, () => node.serving, node.metrics.registry));
  const shutdown = (signal: string) => {
    logger.info(`${signal}, finishing up`);
    node
      .close()
      .then(() => server?.close())
      .then(() => getDb().$disconnect())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error(`shutdown failed: ${String(err)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(redactUrlPasswords(`sweepwise worker: ${message}`));
  process.exit(1);
});
