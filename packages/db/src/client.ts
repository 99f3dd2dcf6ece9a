import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { databaseUrl, describeDatabaseUrl } from './env.js';

export type Db = PrismaClient;

// On globalThis like the shared client: Next.js bundles this module once per server bundle (pages,
// route handlers), and a client made by one copy must find its pool from another.
const poolHolder = globalThis as unknown as { __sweepwisePools?: WeakMap<Db, pg.Pool> };
const pools = (poolHolder.__sweepwisePools ??= new WeakMap<Db, pg.Pool>());

/**
 * A new client with its own pool. Call `$disconnect()` when done (it ends the pool). The pool is
 * ours and shared with Prisma, so the scheduler's hot queries can use it directly (see sql.ts).
 */
export function createDb(url: string = databaseUrl()): Db {
  const pool = new pg.Pool({ connectionString: url });
  // A connection dropped by a restarting server or a network cut emits 'error'; without a listener
  // that ends the process. Idle ones are replaced by the pool; a checked-out one (a transaction)
  // fails its queries, which the callers see and retry.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/** The pg pool behind a client made by createDb. */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('this query needs a client made by createDb() or getDb()');
  return pool;
}

const holder = globalThis as unknown as { __sweepwiseDb?: Db };

/** The process-wide client (kept on globalThis so Next.js dev reloads reuse one pool). */
export function getDb(): Db {
  holder.__sweepwiseDb ??= createDb();
  return holder.__sweepwiseDb;
}

export interface DbPing {
  ok: boolean;
  address: string;
  error?: string;
}

/** Checks the database answers; says where it looked and how to start one when it does not. */
export async function pingDb(db: Db, url: string = databaseUrl()): Promise<DbPing> {
  const address = describeDatabaseUrl(url);
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, address };
  } catch (err) {
    const setup = setupAdvice(err);
    if (setup) return { ok: false, address, error: `${setup} (at ${address})` };
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      ok: false,
      address,
      error:
        `Postgres is unreachable at ${address} (${reason}). Start it with ` +
        `\`bash scripts/services.sh\` or \`docker compose -f docker/compose.yml up -d postgres\`, ` +
        `or point DATABASE_URL at a running server.`,
    };
  }
}

/**
 * What is wrong and what to run when Postgres answers but the database is missing or not
 * migrated (a fresh machine before `npm start`); null for any other error.
 */
export function setupAdvice(err: unknown): string | null {
  const text = err instanceof Error ? err.message : String(err);
  const found =
    /Database `[^`]*` does not exist|database "[^"]*" does not exist|The table `[^`]*` does not exist|relation "[^"]*" does not exist/i.exec(
      text,
    );
  return found
    ? `${found[0]}: \`npm run setup\` (or \`npm start\`) creates the database and applies the migrations`
    : null;
}
