import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, recordStopDecisions, type Db, type StopDecisionInput } from '../src/index.js';
import { createBareTrial } from './fixtures.js';

let db: Db;
let sweepId: string;
let trialId: string;

beforeAll(async () => {
  db = createDb();
  ({ sweepId, trialId } = await createBareTrial(db, 'stop-decisions-test'));
});

afterAll(async () => {
  await db.sweep.delete({ where: { id: sweepId } });
  await db.$disconnect();
});

function decision(step: number, requestId: string): StopDecisionInput {
  return {
    trialId,
    step,
    rule: 'median',
    decision: 'stop',
    value: Number.NaN,
    threshold: 0.25,
    rank: 3,
    peers: 4,
    reason: `step ${step}: worse than the median of 4 trials`,
    requestId,
  };
}

describe('recordStopDecisions', () => {
  it('stores a decision once however often its write is retried, even concurrently', async () => {
    const first = decision(2, randomUUID());
    const second = decision(3, randomUUID());
    expect(await recordStopDecisions(db, [first, second])).toBe(2);
    // A retry after the reply was lost, and two racing ones: nothing new.
    expect(await recordStopDecisions(db, [first, second])).toBe(0);
    const racing = await Promise.all([
      recordStopDecisions(db, [first]),
      recordStopDecisions(db, [first]),
    ]);
    expect(racing).toEqual([0, 0]);
    const rows = await db.stopDecision.findMany({
      where: { trialId, step: { in: [2, 3] } },
      orderBy: { step: 'asc' },
    });
    expect(rows.map((r) => [r.step, r.requestId, r.reason])).toEqual([
      [2, first.requestId, first.reason],
      [3, second.requestId, second.reason],
    ]);
    expect(Number.isNaN(rows[0].value)).toBe(true);
  });

  it('keeps both decisions when a retried trial asks about the same step again', async () => {
    await recordStopDecisions(db, [decision(4, randomUUID())]);
    await recordStopDecisions(db, [decision(4, randomUUID())]);
    expect(await db.stopDecision.count({ where: { trialId, step: 4 } })).toBe(2);
  });
});
