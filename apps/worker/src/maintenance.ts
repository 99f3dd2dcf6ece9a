import { endOverdueSweeps, vacuumHotTables, type Db } from '@sweepwise/db';
import { QUEUE_NAMES } from '@sweepwise/queue';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';

export interface MaintenanceOptions {
  db: Db;
  connection: ConnectionOptions;
  prefix: string;
  /** How often the job runs (across every worker process: BullMQ schedules one job per period). */
  everyMs: number;
  /** How far past its max wall time a sweep must be before maintenance ends it. */
  wallTimeGraceMs: number;
  log: (message: string) => void;
}

/** One maintenance run: ends stuck sweeps, then vacuums and analyzes the hot tables. */
export async function runMaintenance(db: Db, wallTimeGraceMs: number) {
  const ended = await endOverdueSweeps(db, wallTimeGraceMs);
  await vacuumHotTables(db);
  return { ended };
}

/**
 * Registers the repeatable maintenance job (every process upserts the same scheduler, so there is
 * one) and runs it here when this process takes it: autovacuum is off on some servers, and a sweep
 * whose controller never ends it would otherwise run forever.
 */
export async function startMaintenance(options: MaintenanceOptions) {
  const { db, connection, prefix, log } = options;
  const queue = new Queue(QUEUE_NAMES.maintenance, { connection, prefix });
  await queue.upsertJobScheduler(
    'maintenance',
    { every: options.everyMs },
    { name: 'maintenance', opts: { removeOnComplete: true, removeOnFail: { count: 10 } } },
  );
  const worker = new Worker(
    QUEUE_NAMES.maintenance,
    async () => {
      const { ended } = await runMaintenance(db, options.wallTimeGraceMs);
      for (const id of ended) log(`sweep ${id}: ended by maintenance (past its max wall time)`);
      return { ended };
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (_job, err) => log(`maintenance failed: ${err.message}`));
  worker.on('error', (err) => log(`maintenance: ${err.message}`));
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
