import { createDb, listTestEvaluations, type Db, type Prisma } from '@sweepwise/db';
import {
  createPromotionQueue,
  createRedis,
  QUEUE_NAMES,
  requestPromotionJob,
  type PromotionQueue,
} from '@sweepwise/queue';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePromotion, sweepSplit } from '@sweepwise/runners';
import { startPromotionWorker } from '../src/promotion/promotion-worker.js';
import { runPromotion } from '../src/promotion/run-promotion.js';
import { completedTrial, IRIS_BASE } from './promotion-fixtures.js';

let db: Db;
let other: Db;
const sweepIds: string[] = [];

beforeAll(() => {
  db = createDb();
  // Its own pool: a second worker process.
  other = createDb();
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: sweepIds } } });
  await Promise.all([db.$disconnect(), other.$disconnect()]);
});

/** A finished iris sweep with its split fixed and two trials trained for real. */
async function seedSweep() {
  const sweep = await db.sweep.create({
    data: {
      name: `promotion-run-${process.pid}-${Date.now()}`,
      spec: {
        name: `promotion-run-${process.pid}-${Date.now()}`,
        workload: { engine: IRIS_BASE },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: { 'optimizer.lr': { type: 'float', low: 1e-3, high: 1e-1, log: true } },
        algorithm: { type: 'random' },
        stopper: null,
        budget: { maxTrials: 2, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: 'finished',
      split: sweepSplit(IRIS_BASE) as unknown as Prisma.InputJsonObject,
    },
  });
  sweepIds.push(sweep.id);
  const trials = [];
  for (const [number, lr] of [0.03, 0.01].entries()) {
    const trial = await completedTrial(IRIS_BASE, { 'optimizer.lr': lr }, 'val_acc');
    const { params, metrics, ...rest } = trial;
    const json = {
      params: params as Prisma.InputJsonObject,
      metrics: metrics as Prisma.InputJsonObject,
    };
    trials.push(await db.trial.create({ data: { sweepId: sweep.id, number, ...rest, ...json } }));
  }
  return { sweep, trials };
}

describe('runPromotion', () => {
  it('stores one evaluation for two promote requests at once, with numbers a repeat reproduces', async () => {
    const { sweep, trials } = await seedSweep();
    const request = { sweepId: sweep.id, trialId: trials[0].id, requestedBy: 'ana' };
    const [a, b] = await Promise.all([runPromotion(db, request), runPromotion(other, request)]);
    expect(a.evaluation.id).toBe(b.evaluation.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const rows = await db.testEvaluation.findMany({ where: { sweepId: sweep.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sequence: 1,
      trainedOn: 'train+validation',
      requestedBy: 'ana',
    });

    const repeat = await evaluatePromotion({
      sweep,
      trial: trials[0],
      sequence: 1,
      trainOn: 'train+validation',
      epochs: 'early-stopping',
    });
    expect(rows[0].metrics).toEqual(JSON.parse(JSON.stringify(repeat.metrics)));
    expect(rows[0].splitHash).toBe(repeat.splitHash);
    expect(rows[0].epochs).toBe(repeat.epochs);
  });
});

describe('the promotion queue', () => {
  // The queue the web and CLI enqueue on, under a prefix of this test's own.
  const prefix = `sweepwise-test-${process.pid}-${Date.now()}`;
  let connection: Redis;
  // BullMQ does not close the connections it is given: one each, quit at the end.
  let eventsConnection: Redis;
  let workerConnection: Redis;
  let queue: PromotionQueue;
  let events: QueueEvents;
  let worker: ReturnType<typeof startPromotionWorker>;

  beforeAll(async () => {
    connection = createRedis();
    queue = createPromotionQueue(connection, prefix);
    eventsConnection = connection.duplicate();
    workerConnection = connection.duplicate();
    events = new QueueEvents(QUEUE_NAMES.promotions, { connection: eventsConnection, prefix });
    await events.waitUntilReady();
    worker = startPromotionWorker({
      db,
      connection: workerConnection,
      prefix,
      concurrency: 2,
    });
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await events.close();
    await Promise.all([connection, eventsConnection, workerConnection].map((c) => c.quit()));
  });

  it('runs duplicated jobs into one evaluation, counts another trial, and fails bad requests at once', async () => {
    const { sweep, trials } = await seedSweep();
    const request = { sweepId: sweep.id, requestedBy: 'bo' };
    const twice = await Promise.all([queue.add('promote', request), queue.add('promote', request)]);
    const results = await Promise.all(twice.map((job) => job.waitUntilFinished(events)));
    expect(results[0].evaluationId).toBe(results[1].evaluationId);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].sequence).toBe(1);

    const best = trials[0].value! >= trials[1].value! ? trials[0] : trials[1];
    const runnerUp = best === trials[0] ? trials[1] : trials[0];
    expect(results[0].trialId).toBe(best.id);
    // As the web asks: enqueue and wait for the worker's answer.
    const second = await requestPromotionJob(
      connection,
      prefix,
      { ...request, trialId: runnerUp.id, trainOn: 'train' },
      60_000,
    );
    expect(second).toMatchObject({ state: 'completed', result: { sequence: 2, created: true } });
    const listed = await listTestEvaluations(db, sweep.id);
    expect(listed.uses).toBe(2);
    expect(listed.warning).toMatch(/test set used 2 times in this sweep/i);

    const bad = await queue.add(
      'promote',
      { ...request, trialId: 'no-such-trial' },
      { attempts: 3 },
    );
    await expect(bad.waitUntilFinished(events)).rejects.toThrow(
      /NotFoundError: trial no-such-trial not found/,
    );
    expect((await queue.getJob(bad.id!))?.attemptsMade).toBe(1);
  });
});
