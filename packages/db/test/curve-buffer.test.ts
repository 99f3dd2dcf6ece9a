import { afterAll, describe, expect, it } from 'vitest';
import { createDb, CurveBuffer } from '../src/index.js';
import { createBareTrial } from './fixtures.js';

const db = createDb();
/** The buffer's own client, so the test's lock and the buffer's writes use different connections. */
const writer = createDb();
const sweepIds: string[] = [];

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: sweepIds } } });
  await Promise.all([db.$disconnect(), writer.$disconnect()]);
});

describe('CurveBuffer', () => {
  it('makes a producer that outruns the writes wait, within its bound, and loses no point', async () => {
    const { sweepId, trialId } = await createBareTrial(db, 'curve-buffer');
    sweepIds.push(sweepId);
    const max = 100;
    const curves = new CurveBuffer(writer, { maxBufferedPoints: max, maxBatchPoints: 20 });
    // Holding the trial's row lock stalls every write of its points, as a slow Postgres would.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const lock = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Trial" WHERE id = ${trialId} FOR UPDATE`;
        locked();
        await new Promise<void>((r) => (release = r));
      },
      { timeout: 60_000 },
    );
    await isLocked;

    const steps = 1000;
    let added = 0;
    let mostBuffered = 0;
    const producer = (async () => {
      for (let step = 0; step < steps; step += 10) {
        await curves.add(
          Array.from({ length: 10 }, (_, i) => ({
            trialId,
            metric: 'loss',
            step: step + i,
            value: step + i,
          })),
        );
        added += 10;
        mostBuffered = Math.max(mostBuffered, curves.buffered);
      }
    })();
    // The producer fills the buffer, then waits: it cannot get further while nothing is written.
    while (curves.buffered < max) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    expect(added).toBe(max);
    expect(curves.buffered).toBe(max);

    release();
    await lock;
    await producer;
    await curves.flush();
    expect(mostBuffered).toBeLessThanOrEqual(max);
    const stored = await db.curvePoint.findMany({ where: { trialId }, orderBy: { step: 'asc' } });
    expect(stored.map((p) => p.value)).toEqual(Array.from({ length: steps }, (_, i) => i));
  });
});
