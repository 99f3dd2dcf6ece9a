import { createDb, requestPromotion, type Db, type Prisma } from '@sweepwise/db';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePromotion, sweepSplit } from '@sweepwise/runners';
import { Cluster } from './cluster.js';
import { completedTrial, IRIS_BASE } from './promotion-fixtures.js';

let cluster: Cluster;
let through: Db | undefined;
afterEach(async () => {
  await through?.$disconnect();
  await cluster.close();
});

describe('a promotion through a Postgres outage', () => {
  it('retrains outside any transaction, waits for Postgres to store it, and evaluates the test set once', async () => {
    cluster = new Cluster();
    const proxy = await cluster.postgresProxy();
    through = createDb(proxy.url);
    const sweep = await cluster.db.sweep.create({
      data: {
        name: `promotion-outage-${cluster.prefix}`,
        spec: {
          name: `promotion-outage-${cluster.prefix}`,
          workload: { engine: IRIS_BASE },
          metric: { name: 'val_acc', goal: 'maximize' },
          parameters: { 'optimizer.lr': { type: 'float', low: 1e-3, high: 1e-1, log: true } },
          algorithm: { type: 'random' },
          stopper: null,
          budget: { maxTrials: 1, maxConcurrentTrials: 1, maxWallTimeS: null },
        },
        status: 'finished',
        split: sweepSplit(IRIS_BASE) as unknown as Prisma.InputJsonObject,
      },
    });
    cluster.sweepIds.push(sweep.id);
    const { params, metrics, ...rest } = await completedTrial(
      IRIS_BASE,
      { 'optimizer.lr': 0.03 },
      'val_acc',
    );
    const trial = await cluster.db.trial.create({
      data: {
        sweepId: sweep.id,
        number: 0,
        ...rest,
        params: params as Prisma.InputJsonObject,
        metrics: metrics as Prisma.InputJsonObject,
      },
    });

    let retrains = 0;
    const outcome = await requestPromotion(
      through,
      { sweepId: sweep.id, trialId: trial.id, requestedBy: 'ana' },
      async (promotion) => {
        retrains++;
        // Postgres goes away as the retrain starts (lease renewals fail) and comes back only
        // after it has ended, so storing the evaluation meets the outage too.
        await proxy.cut();
        try {
          return await evaluatePromotion(promotion);
        } finally {
          setTimeout(() => void proxy.restore(), 1500);
        }
      },
      { leaseMs: 600 },
    );

    // evaluatePromotion unseals and scores the test split once per call.
    expect(retrains).toBe(1);
    expect(outcome).toMatchObject({
      created: true,
      evaluation: { trialId: trial.id, sequence: 1 },
    });
    const rows = await cluster.db.testEvaluation.findMany({ where: { sweepId: sweep.id } });
    expect(rows.map((r) => r.id)).toEqual([outcome.evaluation.id]);
    const claim = await cluster.db.promotionClaim.findUniqueOrThrow({
      where: { trialId: trial.id },
    });
    expect(claim.evaluationId).toBe(outcome.evaluation.id);
  }, 60_000);
});
