import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, endOverdueSweeps, HOT_TABLES, vacuumHotTables, type Db } from '../src/index.js';
import { createBareSweep } from './fixtures.js';

let db: Db;
const created: string[] = [];

beforeAll(() => {
  db = createDb();
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: created } } });
  await db.$disconnect();
});

/** A sweep with a wall time of `maxWallTimeS`, started `startedSAgo` seconds ago. */
async function startedSweep(
  status: 'running' | 'paused' | 'cancelled',
  maxWallTimeS: number | null,
  startedSAgo: number,
) {
  const sweep = await createBareSweep(db, 'maintenance');
  created.push(sweep.id);
  const spec = sweep.spec as { budget: object };
  await db.sweep.update({
    where: { id: sweep.id },
    data: {
      status,
      startedAt: new Date(Date.now() - startedSAgo * 1000),
      spec: { ...spec, budget: { ...spec.budget, maxWallTimeS } },
    },
  });
  await db.trial.createMany({
    data: [
      { sweepId: sweep.id, number: 0, params: {}, state: 'running' },
      { sweepId: sweep.id, number: 1, params: {}, state: 'queued' },
    ],
  });
  return sweep.id;
}

describe('maintenance', () => {
  it('ends only sweeps stuck past their wall time and the grace, cancelling their queued trials', async () => {
    const stuck = await startedSweep('running', 60, 200);
    const stuckPaused = await startedSweep('paused', 60, 200);
    const withinGrace = await startedSweep('running', 60, 90);
    const noLimit = await startedSweep('running', null, 10_000);
    const alreadyOver = await startedSweep('cancelled', 60, 200);
    const ended = await endOverdueSweeps(db, 60_000);
    expect(ended.filter((id) => created.includes(id)).sort()).toEqual([stuck, stuckPaused].sort());
    const rows = await db.sweep.findMany({ where: { id: { in: created } } });
    const status = Object.fromEntries(rows.map((s) => [s.id, s.status]));
    expect(status).toMatchObject({
      [stuck]: 'finished',
      [stuckPaused]: 'finished',
      [withinGrace]: 'running',
      [noLimit]: 'running',
      [alreadyOver]: 'cancelled',
    });
    const stuckRow = rows.find((s) => s.id === stuck)!;
    expect(stuckRow.error).toBe('ended by maintenance: still running past its max wall time');
    expect(stuckRow.finishedAt).toBeInstanceOf(Date);
    const trials = await db.trial.findMany({
      where: { sweepId: stuck },
      orderBy: { number: 'asc' },
    });
    expect(trials.map((t) => [t.state, t.stopReason])).toEqual([
      ['running', null],
      ['cancelled', "the sweep's max wall time ran out"],
    ]);
    expect(await endOverdueSweeps(db, 60_000)).not.toContain(stuck);
  });

  it('vacuums and analyzes the hot tables', async () => {
    const before = new Date();
    await vacuumHotTables(db);
    const stats = await db.$queryRawUnsafe<
      { relname: string; last_vacuum: Date; last_analyze: Date }[]
    >(
      `SELECT relname, last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
      [...HOT_TABLES],
    );
    expect(stats.map((s) => s.relname).sort()).toEqual([...HOT_TABLES].sort());
    // Timestamps from the server's clock, to the millisecond: a second of slack for rounding.
    for (const s of stats) {
      expect(s.last_vacuum.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(s.last_analyze.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    }
  });
});
