// PBT on a small in-memory population trained by the engine (Iris): the best member's
// hyperparameter schedule, re-run from scratch with its origin's seed, reproduces its curve.
import { describe, expect, it } from 'vitest';
import { validateConfig, type EpochMetrics } from '@sweepwise/engine';
import {
  loadTrialData,
  engineMemberTrainer,
  trainEngineMember,
  type EngineMemberState,
} from '@sweepwise/runners';
import { runPopulation, type PbtSchedule } from '@sweepwise/tuner';

const BASE = {
  dataset: { name: 'iris' },
  model: { hidden: [8] },
  optimizer: { type: 'momentum', lr: 0.05, momentum: 0.9 },
  batchSize: 16,
};
const SPACE = {
  'optimizer.lr': { type: 'float', low: 1e-3, high: 0.5, log: true, mutable: true },
  'optimizer.momentum': { type: 'float', low: 0.5, high: 0.99, mutable: true },
  'model.dropout': { type: 'float', low: 0, high: 0.3, mutable: true },
  batchSize: { type: 'int', low: 8, high: 32, mutable: true },
  'model.hidden.0': { type: 'int', low: 4, high: 16 },
};
const SEED = 3;
const trial = loadTrialData(validateConfig(BASE));
const data = { classes: trial.dataset.classes, train: trial.train, validation: trial.validation };

const timeless = (curves: EpochMetrics[]) => curves.map(({ wall_s: _w, ...rest }) => rest);

async function replay(schedule: PbtSchedule, epochs: number): Promise<EngineMemberState> {
  let state: EngineMemberState | null = null;
  for (let i = 0; i < schedule.segments.length; i++) {
    const until = (schedule.segments[i + 1]?.fromStep ?? epochs + 1) - 1;
    state = await trainEngineMember(
      { base: BASE, data },
      schedule.segments[i].params,
      state?.checkpoint ?? null,
      until,
      SEED + schedule.origin,
    );
  }
  return state!;
}

describe('PBT with the engine, in memory', () => {
  it("replays the best member's schedule from scratch to the same curve", async () => {
    const { population, checkpoints } = await runPopulation({
      space: SPACE,
      direction: 'maximize',
      pbt: { populationSize: 4, perturbationInterval: 2 },
      epochs: 8,
      seed: SEED,
      train: engineMemberTrainer({ base: BASE, data, metric: 'val_acc', seed: SEED }),
    });
    expect(population.events).toHaveLength(3);
    const best = population.best!;
    const schedule = population.schedule(best.id);
    // The test means something only if the best member's weights went through copies.
    expect(population.lineage(best.id).length).toBeGreaterThan(0);
    expect(schedule.segments.length).toBeGreaterThan(1);
    for (const s of schedule.segments) expect((s.fromStep - 1) % 2).toBe(0);

    const replayed = await replay(schedule, 8);
    const original = checkpoints[best.id];
    expect(original.curves).toHaveLength(8);
    expect(timeless(replayed.curves)).toEqual(timeless(original.curves));
    expect(replayed.curves[7].val_acc).toBe(best.score);

    // Without the copies (the origin's first params all the way) the curve is another one.
    const origin = await replay({ origin: schedule.origin, segments: [schedule.segments[0]] }, 8);
    expect(timeless(origin.curves)).not.toEqual(timeless(original.curves));
  });

  it('trains a member of a parallel config on its threads, to the 1-thread curve', async () => {
    const member = (workers: number) =>
      trainEngineMember(
        { base: { ...BASE, parallel: { workers } }, data },
        { 'optimizer.lr': 0.02 },
        null,
        3,
        SEED,
      );
    const [one, two] = [await member(1), await member(2)];
    expect(two.result.status).toBe('completed');
    expect(two.curves).toHaveLength(3);
    // sync data parallelism: the same run as one thread at the same global batch, to rounding
    two.curves.forEach((m, i) => expect(m.train_loss).toBeCloseTo(one.curves[i]!.train_loss, 4));
  });
});
