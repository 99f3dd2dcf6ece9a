import { createHash } from 'node:crypto';
import type pg from 'pg';
import { poolOf, type Db } from './client.js';

/**
 * Plain SQL on the client's pg pool, for the scheduler's hot paths: Prisma spends about 1 ms of
 * CPU per query where pg spends 0.3 ms, and a sweep of instant trials makes several per trial.
 * Rows come back as pg parses them (float8 NaN/Infinity included); timestamps are read as
 * timestamptz (`AT TIME ZONE 'UTC'`) so they do not depend on the process's time zone.
 */
export type Sql = Pick<pg.Pool, 'query'>;

export async function sqlRows<T>(db: Db | Sql, text: string, params: unknown[] = []): Promise<T[]> {
  const result = await queryable(db).query(prepared(text, params));
  return result.rows as T[];
}

export async function sqlExecute(
  db: Db | Sql,
  text: string,
  params: unknown[] = [],
): Promise<number> {
  const result = await queryable(db).query(prepared(text, params));
  return result.rowCount ?? 0;
}

const statementNames = new Map<string, string>();

/**
 * The query as a named prepared statement: each connection parses and plans it once instead of
 * on every call (measured on the scheduler benchmark: parse and bind took as long as executing
 * the claim and finish updates of a trial). The name is a hash of the text, so two texts never
 * share one on a connection.
 */
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `sw_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** Runs `fn` in a transaction on one connection of the pool. */
export async function sqlTransaction<T>(db: Db, fn: (client: Sql) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function queryable(db: Db | Sql): Sql {
  return 'query' in db && typeof db.query === 'function' ? (db as Sql) : poolOf(db as Db);
}
