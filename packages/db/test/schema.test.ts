import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, upsertCurvePoints, type Db } from '../src/index.js';
import { createBareSweep } from './fixtures.js';

let db: Db;
let sweepId: string;

beforeAll(async () => {
  db = createDb();
  const sweep = await createBareSweep(db, 'schema-test');
  sweepId = sweep.id;
});

afterAll(async () => {
  await db.sweep.delete({ where: { id: sweepId } });
  await db.$disconnect();
});

describe('schema constraints under concurrency', () => {
  it('lets exactly one of many concurrent inserts take a trial number', async () => {
    const attempts = Array.from({ length: 12 }, (_, i) =>
      db.trial.create({ data: { sweepId, number: 7, params: { lr: i } } }),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const r of lost) expect(String(r.reason)).toMatch(/Unique constraint/);
    expect(await db.trial.count({ where: { sweepId, number: 7 } })).toBe(1);
  });

  it('keeps one curve point per trial, metric and step when writers race', async () => {
    const trial = await db.trial.create({ data: { sweepId, number: 8, params: {} } });
    const writes = Array.from({ length: 10 }, (_, i) =>
      db.curvePoint.create({ data: { trialId: trial.id, metric: 'val_loss', step: 3, value: i } }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.curvePoint.count({ where: { trialId: trial.id } })).toBe(1);
  });

  it('allows at most one test evaluation per trial', async () => {
    const trial = await db.trial.create({ data: { sweepId, number: 9, params: {} } });
    const base = {
      sweepId,
      trialId: trial.id,
      config: {},
      metrics: {},
      splitHash: 'h',
      trainedOn: 'train+validation',
      epochs: 3,
      requestedBy: 'test',
    };
    const results = await Promise.allSettled([
      db.testEvaluation.create({ data: { ...base, sequence: 1 } }),
      db.testEvaluation.create({ data: { ...base, sequence: 2 } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('floats', () => {
  it('stores NaN and +/-Infinity faithfully', async () => {
    const trial = await db.trial.create({ data: { sweepId, number: 10, params: {} } });
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5];
    const points = values.map((value, step) => ({
      trialId: trial.id,
      metric: 'loss',
      step,
      value,
    }));
    await upsertCurvePoints(db, points);
    // A retried batch updates in place: no duplicate points.
    await upsertCurvePoints(db, points);
    const back = await db.curvePoint.findMany({
      where: { trialId: trial.id },
      orderBy: { step: 'asc' },
    });
    expect(back.map((p) => p.value)).toEqual(values);
  });
});
