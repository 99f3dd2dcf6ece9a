// PBT members on the platform, each in a process of its own against the real Postgres: a bottom
// member copies a top member's checkpoint of the decision step through the database with explored
// params and a PbtEvent; a diverged member copies at once instead of failing (and fails only with
// nothing to copy); a member whose process is killed mid-interval resumes from its last checkpoint,
// exactly.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  databaseUrl,
  listPbtEvents,
  pbtHistory,
  type Db,
  type PbtEventRow,
} from '@sweepwise/db';
import { validateConfig, type EpochMetrics } from '@sweepwise/engine';
import { loadTrialData, trainEngineMember } from '@sweepwise/runners';
import { pbtSchedule } from '@sweepwise/sweeps';

const RUNNERS = new URL('../node_modules/@sweepwise/runners/dist/index.js', import.meta.url).href;
const STORE = new URL('../dist/pbt/pbt-store.js', import.meta.url).href;
const DB_MODULE = new URL('../node_modules/@sweepwise/db/dist/index.js', import.meta.url).href;
const SCRIPT = join(tmpdir(), `sweepwise-pbt-member-${randomUUID()}.mjs`);

/**
 * One member's run as a worker runs a claimed trial: resumed from the trial's latest checkpoint,
 * every epoch's metrics and checkpoint stored, the outcome written. Prints each reported step.
 */
const MEMBER_PROCESS = `
import { createDb, latestCheckpoint, saveCheckpoint, upsertCurvePoints } from ${JSON.stringify(DB_MODULE)};
import { pbtMemberRunner, trialSweepOf } from ${JSON.stringify(RUNNERS)};
import { postgresPbtStore } from ${JSON.stringify(STORE)};
const trialId = process.env.PBT_TRIAL_ID;
const db = createDb();
const trial = await db.trial.findUniqueOrThrow({ where: { id: trialId }, include: { sweep: true } });
const resumeFrom = await latestCheckpoint(db, trialId);
const io = {
  async report(step, metrics) {
    await upsertCurvePoints(db, Object.entries(metrics).map(([metric, value]) => ({ trialId, metric, step, value })));
    process.stdout.write('step ' + step + '\\n');
    return 'continue';
  },
  checkpoint: (step, data) => saveCheckpoint(db, trialId, step, data),
};
const s = trial.sweep;
const result = await pbtMemberRunner(postgresPbtStore(db)).run({
  sweep: trialSweepOf(s.id, s.spec),
  trial: { id: trial.id, number: trial.number, params: trial.params, attempt: 1 },
  resumeFrom,
  signal: new AbortController().signal,
}, io);
await db.trial.update({ where: { id: trialId }, data: { state: result.status === 'completed' ? 'completed' : 'failed', value: result.value, error: result.error ?? null } });
process.stdout.write(JSON.stringify({ resumedFrom: resumeFrom?.step ?? 0, status: result.status }) + '\\n');
await db.$disconnect();
`;

interface MemberProcess {
  output: () => string;
  exited: Promise<number | null>;
  running: () => boolean;
  kill: () => void;
}

function startMember(trialId: string): MemberProcess {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), PBT_TRIAL_ID: trialId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let done = false;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    output: () => out,
    exited: new Promise((resolve) =>
      child.on('exit', (code) => {
        done = true;
        resolve(code);
      }),
    ),
    running: () => !done,
    kill: () => child.kill('SIGKILL'),
  };
}

async function runMember(trialId: string): Promise<{ resumedFrom: number; status: string }> {
  const p = startMember(trialId);
  const code = await p.exited;
  if (code !== 0) throw new Error(`member process exited ${code}:\n${p.output()}`);
  return JSON.parse(p.output().trim().split('\n').at(-1)!);
}

let db: Db;
const sweeps: string[] = [];

async function pbtSweep(engine: object, params: object[], settings: object, lrHigh = 0.5) {
  const sweep = await db.sweep.create({
    data: {
      name: 'pbt-platform-test',
      spec: {
        name: 'pbt-platform-test',
        workload: { engine },
        metric: { name: 'val_acc', goal: 'maximize' },
        parameters: {
          'optimizer.lr': { type: 'float', low: 1e-4, high: lrHigh, log: true, mutable: true },
        },
        algorithm: { type: 'pbt', seed: 5, ...settings },
        stopper: null,
        budget: { maxTrials: params.length, maxConcurrentTrials: 2, maxWallTimeS: null },
      },
      status: 'running',
    },
  });
  sweeps.push(sweep.id);
  const trials = [];
  for (const [number, p] of params.entries()) {
    trials.push(
      await db.trial.create({
        data: { sweepId: sweep.id, number, params: p, state: 'running', attempts: 1 },
      }),
    );
  }
  return { sweep, trials };
}

async function curve(trialId: string, metric = 'val_loss') {
  const points = await db.curvePoint.findMany({
    where: { trialId, metric },
    orderBy: { step: 'asc' },
  });
  return points.map((p) => [p.step, p.value]);
}

/** The event's copied checkpoint is at the event's step and holds the source's weights of then. */
async function expectCopiedAtEventStep(e: PbtEventRow) {
  const copied = await db.checkpoint.findUniqueOrThrow({ where: { id: e.checkpointId! } });
  expect(copied.step).toBe(e.step);
  const source = await db.checkpoint.findUniqueOrThrow({
    where: { trialId_step: { trialId: e.sourceId, step: e.step } },
  });
  expect(Buffer.from(copied.data!).equals(Buffer.from(source.data!))).toBe(true);
}

beforeAll(() => {
  db = createDb();
  writeFileSync(SCRIPT, MEMBER_PROCESS);
});

afterAll(async () => {
  await db.sweep.deleteMany({ where: { id: { in: sweeps } } });
  await db.$disconnect();
  rmSync(SCRIPT, { force: true });
});

describe('PBT on the platform', () => {
  it("a bottom member copies a top member's checkpoint through the database", async () => {
    const engine = {
      dataset: { name: 'iris' },
      model: { hidden: [8] },
      optimizer: { type: 'momentum', lr: 0.1 },
      batchSize: 16,
      epochs: 6,
    };
    const { sweep, trials } = await pbtSweep(
      engine,
      [{ 'optimizer.lr': 0.3 }, { 'optimizer.lr': 1e-4 }],
      { perturbationInterval: 2 },
    );
    await runMember(trials[0].id);
    await runMember(trials[1].id);
    const events = await listPbtEvents(db, sweep.id);
    // Member 1 (lr 1e-4) is the bottom of two at epoch 2 and copies member 0, which has finished:
    // its checkpoint of epoch 2, the step its ranked score is from, not its latest.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({
      trialNumber: 1,
      sourceNumber: 0,
      step: 2,
      reason: 'bottom-quantile',
    });
    expect(events[0].oldParams).toEqual({ 'optimizer.lr': 1e-4 });
    for (const e of events) {
      expect(e).toMatchObject({ trialNumber: 1, sourceNumber: 0 });
      expect([2, 4]).toContain(e.step);
      const lr = e.newParams['optimizer.lr'] as number;
      expect(lr).toBeGreaterThanOrEqual(1e-4);
      expect(lr).toBeLessThanOrEqual(0.5);
      await expectCopiedAtEventStep(e);
    }
    expect((await curve(trials[1].id)).map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6]);
    const schedule = pbtSchedule(await pbtHistory(db, sweep.id), trials[1].id);
    expect(schedule.originNumber).toBe(0);
    const last = events.at(-1)!;
    expect(schedule.segments.at(-1)).toEqual({ fromStep: last.step + 1, params: last.newParams });

    // The stored schedule replays from scratch (origin's seed) to the curve its weights had:
    // the origin's up to the first copy, the member's own after the last one.
    const data = loadTrialData(validateConfig(engine));
    const args = {
      base: engine,
      data: { classes: data.dataset.classes, train: data.train, validation: data.validation },
    };
    let from: Uint8Array | null = null;
    let replayed: EpochMetrics[] = [];
    for (const [i, segment] of schedule.segments.entries()) {
      const until = (schedule.segments[i + 1]?.fromStep ?? engine.epochs + 1) - 1;
      const state = await trainEngineMember(
        args,
        segment.params,
        from,
        until,
        1 + schedule.originNumber,
      );
      from = state.checkpoint;
      replayed = state.curves;
    }
    const byStep = (points: (number | null)[][], after: number, upTo: number) =>
      points.filter(([s]) => s! > after && s! <= upTo);
    const replayedCurve = replayed.map((c) => [c.epoch, c.val_loss]);
    expect(byStep(replayedCurve, 0, events[0].step)).toEqual(
      byStep(await curve(trials[0].id), 0, events[0].step),
    );
    expect(byStep(replayedCurve, last.step, 6)).toEqual(
      byStep(await curve(trials[1].id), last.step, 6),
    );
  });

  it('a diverged member copies a top member at once instead of failing', async () => {
    const engine = {
      dataset: { name: 'iris' },
      model: { hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 16,
      epochs: 6,
    };
    // Member 2's learning rate sends its loss to infinity.
    const { sweep, trials } = await pbtSweep(
      engine,
      [{ 'optimizer.lr': 0.1 }, { 'optimizer.lr': 0.05 }, { 'optimizer.lr': 1000 }],
      { perturbationInterval: 2 },
      1000,
    );
    await runMember(trials[0].id);
    await runMember(trials[1].id);
    const before = await listPbtEvents(db, sweep.id);
    expect(await runMember(trials[2].id)).toEqual({ resumedFrom: 0, status: 'completed' });
    const events = (await listPbtEvents(db, sweep.id)).slice(before.length);
    // It copies at the newest step before its last epoch where a member can be copied: epoch 4.
    expect(events[0]).toMatchObject({ trialNumber: 2, step: 4, reason: 'diverged' });
    expect(events[0].oldParams).toEqual({ 'optimizer.lr': 1000 });
    expect([0, 1]).toContain(events[0].sourceNumber);
    await expectCopiedAtEventStep(events[0]);
    // It trained epochs 5-6 from the copied weights; epochs 2-4 (from its divergence to the copied
    // step) were never its own. lr 1000, the engine's maximum, first diverges in epoch 2.
    expect((await curve(trials[2].id)).map(([s]) => s)).toEqual([1, 5, 6]);
    const member = await db.trial.findUniqueOrThrow({ where: { id: trials[2].id } });
    expect(member.state).toBe('completed');
    expect(Number.isFinite(member.value)).toBe(true);
  });

  it('a diverged member with no other member to copy fails with the reason', async () => {
    const engine = {
      dataset: { name: 'iris' },
      model: { hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 16,
      epochs: 4,
    };
    const { trials } = await pbtSweep(engine, [{ 'optimizer.lr': 1000 }], {}, 1000);
    expect(await runMember(trials[0].id)).toEqual({ resumedFrom: 0, status: 'failed' });
    const member = await db.trial.findUniqueOrThrow({ where: { id: trials[0].id } });
    expect(member.error).toMatch(
      /^diverged at epoch \d.*; no other member has a checkpoint to copy$/,
    );
  });

  it('a member killed mid-interval resumes from its last checkpoint, exactly', async () => {
    const engine = {
      dataset: { name: 'spirals', n: 10000 },
      model: { hidden: [64, 64] },
      optimizer: { type: 'adam', lr: 0.01 },
      batchSize: 32,
      epochs: 8,
    };
    const params = [{ 'optimizer.lr': 0.01 }];
    const killed = await pbtSweep(engine, params, { perturbationInterval: 4 });
    const reference = await pbtSweep(engine, params, { perturbationInterval: 4 });
    const member = killed.trials[0].id;

    const p = startMember(member);
    // Kill it during the second interval (epochs 5-8), after epoch 6 was reported.
    while (!/step 7\n/.test(p.output())) {
      if (!p.running()) throw new Error(`the member ended before it was killed:\n${p.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    p.kill();
    await p.exited;
    const last = await db.checkpoint.findFirstOrThrow({
      where: { trialId: member },
      orderBy: { step: 'desc' },
    });
    expect(last.step).toBeGreaterThanOrEqual(6);
    expect(last.step).toBeLessThan(8);

    const retry = await runMember(member);
    expect(retry).toEqual({ resumedFrom: last.step, status: 'completed' });
    await runMember(reference.trials[0].id);
    const resumed = await curve(member);
    expect(resumed.map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(resumed).toEqual(await curve(reference.trials[0].id));
  }, 180_000);
});
