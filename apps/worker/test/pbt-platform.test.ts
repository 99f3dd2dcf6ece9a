// PBT members on the platform, each in a process of its own against the real Postgres: a bottom
// member copies a top member's checkpoint through the database with explored params and a PbtEvent;
// a member whose process is killed mid-interval resumes from its last checkpoint, exactly.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, databaseUrl, listPbtEvents, pbtSchedule, type Db } from '@sweepwise/db';
import { loadTrialData, validateConfig } from '@sweepwise/engine';
import { trainEngineMember } from '../src/pbt/engine-member.js';

const RUNNER = new URL('../dist/pbt/pbt-member-runner.js', import.meta.url).href;
const DB_MODULE = new URL('../node_modules/@sweepwise/db/dist/index.js', import.meta.url).href;
const SCRIPT = join(tmpdir(), `sweepwise-pbt-member-${randomUUID()}.mjs`);

/**
 * One member's run as a worker runs a claimed trial: resumed from the trial's latest checkpoint,
 * every epoch's metrics and checkpoint stored, the outcome written. Prints each reported step.
 */
const MEMBER_PROCESS = `
import { createDb, latestCheckpoint, saveCheckpoint, upsertCurvePoints } from ${JSON.stringify(DB_MODULE)};
import { pbtMemberRunner } from ${JSON.stringify(RUNNER)};
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
const result = await pbtMemberRunner(db).run({
  sweep: { id: s.id, workload: s.workload, objectiveMetric: s.objectiveMetric, direction: s.direction, algorithm: s.algorithm, hasStopper: false },
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

async function pbtSweep(engine: object, params: object[], settings: object) {
  const sweep = await db.sweep.create({
    data: {
      name: 'pbt-platform-test',
      workload: { engine },
      objectiveMetric: 'val_acc',
      direction: 'maximize',
      space: {
        'optimizer.lr': { type: 'float', low: 1e-4, high: 0.5, log: true, mutable: true },
      },
      algorithm: 'pbt',
      algorithmSettings: { seed: 5, ...settings },
      maxTrials: params.length,
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
    expect(events).toHaveLength(1);
    const [e] = events;
    // Member 1 (lr 1e-4) is the bottom of two at epoch 2 and copies member 0, which has finished:
    // its latest checkpoint is epoch 6's (Ray Tune's semantics: the source's latest checkpoint).
    expect(e).toMatchObject({ trialNumber: 1, sourceNumber: 0, step: 6 });
    expect(e.oldParams).toEqual({ 'optimizer.lr': 1e-4 });
    const lr = e.newParams['optimizer.lr'] as number;
    expect(lr).toBeGreaterThanOrEqual(1e-4);
    expect(lr).toBeLessThanOrEqual(0.5);
    expect(e.checkpointId).not.toBeNull();
    const copied = await db.checkpoint.findUniqueOrThrow({ where: { id: e.checkpointId! } });
    const source = await db.checkpoint.findFirstOrThrow({
      where: { trialId: trials[0].id, step: 6 },
    });
    expect(Buffer.from(copied.data!).equals(Buffer.from(source.data!))).toBe(true);
    // Member 1 trained epochs 1-2 itself; its weights are now member 0's: same best value.
    expect((await curve(trials[1].id)).map(([s]) => s)).toEqual([1, 2]);
    const [m0, m1] = await Promise.all(
      trials.map((t) => db.trial.findUniqueOrThrow({ where: { id: t.id } })),
    );
    expect(m1.value).toBe(m0.value);
    const schedule = await pbtSchedule(db, sweep.id, trials[1].id);
    expect(schedule.originNumber).toBe(0);
    expect(schedule.segments.map((s) => s.fromStep)).toEqual([1, 7]);

    // The stored schedule replays from scratch (origin's seed) to the curve its weights had.
    const data = loadTrialData(validateConfig(engine));
    const replayed = await trainEngineMember(
      {
        base: engine,
        data: { classes: data.dataset.classes, train: data.train, validation: data.validation },
      },
      schedule.segments[0].params,
      null,
      6,
      1 + schedule.originNumber,
    );
    expect(replayed.curves.map((c) => [c.epoch, c.val_loss])).toEqual(await curve(trials[0].id));
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
