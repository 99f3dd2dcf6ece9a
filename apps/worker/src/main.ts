import { databaseUrl, getDb, pingDb } from '@sweepwise/db';
import { pingRedis, redisUrl } from '@sweepwise/queue';

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
  await checkServices();
  const shutdown = async () => {
    await getDb().$disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // Keep the process alive until the trial runners land (issue 5).
  setInterval(() => {}, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(`sweepwise worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
