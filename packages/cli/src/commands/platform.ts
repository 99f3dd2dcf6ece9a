import { createDb, createSweep, databaseUrl, pingDb, type Db, type Sweep } from '@sweepwise/db';
import type { SweepSpec } from '@sweepwise/sweeps';

/** Opens the database for one command, with the service's own advice when it does not answer. */
export async function withDb<T>(use: (db: Db) => Promise<T>): Promise<T> {
  const url = databaseUrl();
  const db = createDb(url);
  try {
    const ping = await pingDb(db, url);
    if (!ping.ok) throw new Error(`${ping.error} (or use --in-memory to run without services)`);
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * Stores a checked sweep (loadSweepFile parsed it) as running: a worker's controller picks it up
 * and enqueues its trials.
 */
export function createPlatformSweep(body: SweepSpec): Promise<Sweep> {
  return withDb((db) => createSweep(db, body));
}
