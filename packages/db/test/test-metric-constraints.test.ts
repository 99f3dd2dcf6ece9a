// Issue 8: Postgres itself refuses test metrics on trial writes (migration refuse_test_metrics),
// behind the application guard assertNoTestMetrics, for a writer that skips the guard.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/index.js';
import { createBareTrial } from './fixtures.js';

let db: Db;
let sweepId: string;
let trialId: string;

beforeAll(async () => {
  db = createDb();
  ({ sweepId, trialId } = await createBareTrial(db, 'test-metric-constraints'));
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: sweepId } });
  await db.$disconnect();
});

/** The Postgres error of a raw statement, or null if it succeeded. */
async function refusal(statement: () => Promise<unknown>): Promise<string | null> {
  try {
    await statement();
    return null;
  } catch (err) {
    return String((err as Error).message);
  }
}

describe('Postgres refuses test metrics on trial writes', () => {
  it.each(['test_acc', 'TEST.loss', 'test/f1', 'Test-mse'])(
    'a curve point named %s',
    async (metric) => {
      const error = await refusal(
        () =>
          db.$executeRaw`INSERT INTO "CurvePoint" ("trialId", metric, step, value) VALUES (${trialId}, ${metric}, 1, 0.5)`,
      );
      expect(error).toMatch(/CurvePoint_metric_not_test/);
    },
  );

  it.each([
    ['a top-level key', { val_loss: 0.2, test_acc: 0.9 }],
    ['a key of a nested object', { report: { 'Test.loss': 0.4 } }],
    ['a key inside a list', { folds: [{ val_acc: 0.9 }, { 'test-acc': 0.8 }] }],
  ])('trial metrics with %s', async (_what, metrics) => {
    const error = await refusal(
      () =>
        db.$executeRaw`UPDATE "Trial" SET metrics = ${JSON.stringify(metrics)}::jsonb WHERE id = ${trialId}`,
    );
    expect(error).toMatch(/Trial_metrics_not_test/);
    const inserted = await refusal(
      () =>
        db.$executeRaw`INSERT INTO "Trial" (id, "sweepId", number, params, metrics) VALUES (${randomUUID()}, ${sweepId}, 1, '{}', ${JSON.stringify(metrics)}::jsonb)`,
    );
    expect(inserted).toMatch(/Trial_metrics_not_test/);
  });

  it('accepts what trials legitimately write: validation metrics, spreads and folds', async () => {
    const metrics = {
      val_loss: 0.2,
      val_loss_std: 0.01,
      testing_note: 1,
      folds: [{ val_loss: 0.19, epochs: 4 }],
    };
    expect(
      await refusal(
        () =>
          db.$executeRaw`UPDATE "Trial" SET metrics = ${JSON.stringify(metrics)}::jsonb WHERE id = ${trialId}`,
      ),
    ).toBeNull();
    for (const metric of ['val_loss', 'val_loss_std', 'contest_score', 'testing']) {
      expect(
        await refusal(
          () =>
            db.$executeRaw`INSERT INTO "CurvePoint" ("trialId", metric, step, value) VALUES (${trialId}, ${metric}, 1, 0.5)`,
        ),
      ).toBeNull();
    }
    const stored = await db.trial.findUniqueOrThrow({ where: { id: trialId } });
    expect(stored.metrics).toEqual(metrics);
  });
});
