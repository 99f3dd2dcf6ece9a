import { afterAll, describe, expect, it } from 'vitest';
import { createDb, isTransientDbError, poolOf } from '../src/index.js';

const db = createDb();

afterAll(() => db.$disconnect());

describe('isTransientDbError', () => {
  it('retries a deadlock victim (its statement was rolled back) but not a bad query', async () => {
    const pool = poolOf(db);
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await a.query(`SELECT pg_advisory_xact_lock(7301, 1)`);
      await b.query(`SELECT pg_advisory_xact_lock(7301, 2)`);
      // Each now waits for the other's lock: Postgres aborts one of them.
      const results = await Promise.allSettled([
        a.query(`SELECT pg_advisory_xact_lock(7301, 2)`),
        b.query(`SELECT pg_advisory_xact_lock(7301, 1)`),
      ]);
      const victim = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(String(victim.reason)).toMatch(/deadlock detected/);
      expect(isTransientDbError(victim.reason)).toBe(true);
    } finally {
      await a.query('ROLLBACK');
      await b.query('ROLLBACK');
      a.release();
      b.release();
    }
    const bad = await pool.query('SELEC 1').catch((err: unknown) => err);
    expect(isTransientDbError(bad)).toBe(false);
  });
});
