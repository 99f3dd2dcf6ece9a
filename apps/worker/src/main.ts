import { databaseUrl, getDb, pingDb } from '@sweepwise/db';
import { pingRedis, redisUrl } from '@sweepwise/queue';
import { workerOptionsFromEnv } from './options.js';
import { WorkerNode } from './worker-node.js';

/** Refuses to start without both services, naming the one that is missing and how to start it. */
async function checkServices(): Promise<void> {
  const [redis, db] = await Promise.all([pingRedis(redisUrl()), pingDb(getDb(), databaseUrl())]);
  const problems = [redis, db].filter((p) => !p.ok).map((p) => p.error);
  if (problems.length > 0) {
    for (const p of problems) console.error(`sweepwise worker: ${p}`);
    process.exit(1);
  }
  console.log(
    `sweepwise worker: connected to Redis at ${redis.address} and Postgres at ${db.address}`,
  );
}

async function main(): Promise<void> {
  const options = workerOptionsFromEnv();
  await checkServices();
  const node = new WorkerNode(getDb(), redisUrl(), options);
  await node.start();
  const shutdown = (signal: string) => {
    console.log(`sweepwise worker: ${signal}, finishing up`);
    node
      .close()
      .then(() => getDb().$disconnect())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`sweepwise worker: shutdown failed: ${String(err)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`sweepwise worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
