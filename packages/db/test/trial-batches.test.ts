import { afterAll, describe, expect, it } from 'vitest';
import {
  acquireControllerLease,
  allocateTrials,
  claimTrial,
  claimTrials,
  createDb,
  CurveBuffer,
  finishTrials,
  setSweepStatus,
  TrialClaimer,
  TrialFinisher,
  type Sweep,
} from '../src/index.js';
import { createBareSweep } from './fixtures.js';

const db = createDb();
const sweepIds: string[] = [];

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: sweepIds } } });
  await db.$disconnect();
});

/** A running sweep with `n` queued trials. */
async function queuedTrials(n: number): Promise<{ sweep: Sweep; ids: string[] }> {
  const bare = await createBareSweep(db, 'trial-batches');
  sweepIds.push(bare.id);
  const sweep = await db.sweep.update({ where: { id: bare.id }, data: { status: 'running' } });
  await acquireControllerLease(db, sweep.id, 'c', 10_000);
  const trials = await allocateTrials(
    db,
    sweep.id,
    'c',
    Array.from({ length: n }, (_, i) => ({ params: { i }, tunerTrialId: String(i) })),
  );
  return { sweep, ids: trials.map((t) => t.id) };
}

/** A running sweep with `n` trials claimed by worker `w` (attempt 1). */
async function claimedTrials(n: number): Promise<{ sweep: Sweep; ids: string[] }> {
  const queued = await queuedTrials(n);
  for (const id of queued.ids) expect(await claimTrial(db, id, 'w', 1)).not.toBeNull();
  return queued;
}

describe('TrialClaimer', () => {
  it('claims the trials of one tick in one statement, each answered for itself', async () => {
    const { ids } = await queuedTrials(3);
    const [a, b, c] = ids as [string, string, string];
    // b's job is outdated: the trial waits for its second attempt.
    await db.trial.update({ where: { id: b }, data: { attempts: 1 } });
    const claimer = new TrialClaimer(db);
    const claimed = await Promise.all([
      claimer.claim(a, 'w', 1),
      claimer.claim(b, 'w', 1),
      claimer.claim(c, 'w'),
    ]);
    expect(claimed).toEqual([
      expect.objectContaining({ id: a, attempts: 1, params: { i: 0 }, tunerTrialId: '0' }),
      null,
      expect.objectContaining({ id: c, attempts: 1, number: 2 }),
    ]);
    const rows = await db.trial.findMany({
      where: { id: { in: ids } },
      orderBy: { number: 'asc' },
    });
    expect(rows.map((r) => [r.state, r.workerId])).toEqual([
      ['running', 'w'],
      ['queued', null],
      ['running', 'w'],
    ]);
    // A claim retried after its answer was lost gets the trial again.
    expect(await claimer.claim(a, 'w', 1)).toMatchObject({ id: a, attempts: 1 });
  });

  it('lets exactly one of two workers claiming in the same tick take each trial', async () => {
    const { ids } = await queuedTrials(4);
    const claimers = [new TrialClaimer(db), new TrialClaimer(db)];
    const claims = await Promise.all(
      ids.flatMap((id) => claimers.map((c, w) => c.claim(id, `w${w}`))),
    );
    for (let i = 0; i < ids.length; i++) {
      expect(claims.slice(2 * i, 2 * i + 2).filter(Boolean)).toHaveLength(1);
    }
  });

  it('claims nothing of a paused sweep', async () => {
    const { sweep, ids } = await queuedTrials(2);
    await setSweepStatus(db, sweep.id, 'pause');
    const claimer = new TrialClaimer(db);
    expect(await Promise.all(ids.map((id) => claimer.claim(id, 'w', 1)))).toEqual([null, null]);
  });
});

describe('TrialFinisher', () => {
  it('ends the trials of one tick in one statement, each answered for itself', async () => {
    const { ids } = await claimedTrials(3);
    const [a, b, c] = ids as [string, string, string];
    // b was declared stale and retried elsewhere: its late result must be ignored.
    await db.trial.update({ where: { id: b }, data: { workerId: 'other', attempts: 2 } });
    const finisher = new TrialFinisher(db);
    const held = await Promise.all([
      finisher.finish(a, 'w', 1, { state: 'completed', value: Number.NaN, metrics: { n: 1 } }),
      finisher.finish(b, 'w', 1, { state: 'completed', value: 2 }),
      finisher.finish(c, 'w', 1, { state: 'pruned', value: 3, stoppedAt: 4, stopReason: 'rule' }),
    ]);
    expect(held).toEqual([true, false, true]);
    const rows = await db.trial.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a)).toMatchObject({ state: 'completed', metrics: { n: 1 } });
    expect(byId.get(a)!.value).toBeNaN();
    expect(byId.get(b)).toMatchObject({ state: 'running', value: null, workerId: 'other' });
    expect(byId.get(c)).toMatchObject({
      state: 'pruned',
      value: 3,
      stoppedAt: 4,
      stopReason: 'rule',
    });
    // A finish repeated after its answer was lost still holds; a different end does not.
    expect(await finisher.finish(a, 'w', 1, { state: 'completed', value: Number.NaN })).toBe(true);
    expect(await finisher.finish(a, 'w', 1, { state: 'failed', error: 'late' })).toBe(false);
  });

  it('stores the points reported before a finish first', async () => {
    const { ids } = await claimedTrials(2);
    const curves = new CurveBuffer(db, { flushDelayMs: 60_000 });
    const finisher = new TrialFinisher(db, { curves });
    const ended = ids.map((id, i) => {
      curves.add([{ trialId: id, metric: 'loss', step: 0, value: i }]);
      return finisher.finish(id, 'w', 1, { state: 'completed', value: i });
    });
    expect(await Promise.all(ended)).toEqual([true, true]);
    expect(await db.curvePoint.count({ where: { trialId: { in: ids } } })).toBe(2);
  });

  it('fails only the trial whose outcome Postgres refuses', async () => {
    const { ids } = await claimedTrials(2);
    const [good, bad] = ids as [string, string];
    const finisher = new TrialFinisher(db);
    const [ok, refused] = await Promise.allSettled([
      finisher.finish(good, 'w', 1, { state: 'completed', value: 1 }),
      finisher.finish(bad, 'w', 1, { state: 'pruned', stoppedAt: 2 ** 40, stopReason: 'x' }),
    ]);
    expect(ok).toEqual({ status: 'fulfilled', value: true });
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: /out of range/ } });
    expect(await db.trial.findUniqueOrThrow({ where: { id: bad } })).toMatchObject({
      state: 'running',
    });
  });

  it('answers a trial finished twice in one tick as two finishTrial calls in a row would', async () => {
    const { ids } = await claimedTrials(1);
    const [id] = ids as [string];
    const finisher = new TrialFinisher(db);
    const held = await Promise.all([
      finisher.finish(id, 'w', 1, { state: 'completed', value: 1 }),
      finisher.finish(id, 'w', 1, { state: 'failed', error: 'second' }),
    ]);
    expect(held).toEqual([true, false]);
    expect(await db.trial.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: 'completed',
      value: 1,
    });
  });

  it('refuses a batch that names a trial twice', async () => {
    await expect(
      claimTrials(db, [
        { trialId: 't', workerId: 'w' },
        { trialId: 't', workerId: 'v' },
      ]),
    ).rejects.toThrow(/distinct/);
    await expect(
      finishTrials(db, [
        { trialId: 't', workerId: 'w', attempt: 1, outcome: { state: 'completed' } },
        { trialId: 't', workerId: 'w', attempt: 1, outcome: { state: 'completed' } },
      ]),
    ).rejects.toThrow(/distinct/);
  });
});
