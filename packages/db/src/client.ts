import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { databaseUrl, describeDatabaseUrl } from './env.js';

export type Db = PrismaClient;

/** A new client with its own pool. Call `$disconnect()` when done. */
export function createDb(url: string = databaseUrl()): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
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
    const reason = connectionFailureReason(err);
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

/** Prisma wraps driver errors in a multi-line message; keep the driver's own sentence. */
function connectionFailureReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const driver = /Message: `([^`]+)`/.exec(text);
  if (driver) return driver[1];
  const lines = text.split('\n').map((l) => l.trim());
  return lines.filter(Boolean).at(-1) ?? 'no answer';
}
