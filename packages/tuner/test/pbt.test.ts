// The pure PBT step: options, truncation selection, explore (only mutable params, factors, clipping,
// grids, resampling), the population's JSON round trip, lineage and replayable schedules.

import { describe, expect, it } from 'vitest';
import { OptionsError, Rng, validateParams, validateSpace, type Params } from '../src/index.js';
import {
  exploitExplore,
  explore,
  lineageOf,
  PBT_DEFAULTS,
  pbtOptions,
  pbtSampler,
  perturb,
  Population,
  quantiles,
  runPopulation,
  scheduleOf,
  type PbtPeer,
} from '../src/pbt/index.js';

const SPACE = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true, mutable: true },
  momentum: { type: 'float', low: 0, high: 0.99, mutable: true },
  batch: { type: 'int', low: 8, high: 256, log: true, mutable: true },
  dropout: { type: 'float', low: 0, high: 0.5, step: 0.05, mutable: true },
  act: { type: 'categorical', choices: ['relu', 'tanh', 'sigmoid'], mutable: true },
  width: { type: 'int', low: 16, high: 128 },
  epochs: { type: 'constant', value: 12 },
};
const space = validateSpace(SPACE);
const OPTIONS = pbtOptions({});
const param = (name: string) => space.parameters.find((p) => p.name === name)!;

function peers(scores: number[]): PbtPeer[] {
  const rng = Rng.fromSeed(1);
  return scores.map((score, id) => ({
    id,
    score,
    params: explore(space, base(), rng, OPTIONS).params,
  }));
}

function base(): Params {
  return { lr: 0.01, momentum: 0.5, batch: 64, dropout: 0.2, act: 'relu', width: 32, epochs: 12 };
}

describe('pbt options', () => {
  it('defaults are the paper and Ray Tune values', () => {
    expect(PBT_DEFAULTS).toMatchObject({
      populationSize: 8,
      quantileFraction: 0.25,
      perturbationFactors: [0.8, 1.2],
      resampleProbability: 0.25,
    });
  });

  it.each([
    [{ quantileFraction: 0.7 }, 'quantileFraction must be <= 0.5, got 0.7'],
    [{ populationSize: 1 }, 'populationSize must be >= 2, got 1'],
    [{ perturbationInterval: 0.5 }, 'perturbationInterval must be an integer, got 0.5'],
    [{ perturbationFactors: [1.2, -1] }, 'perturbationFactors.1 must be > 0, got -1'],
    [{ resampleProbability: 2 }, 'resampleProbability must be <= 1, got 2'],
    [{ interval: 3 }, 'pbt sampler has no option "interval"'],
  ])('refuses %j naming the field', (given, message) => {
    expect(() => pbtOptions(given)).toThrow(OptionsError);
    expect(() => pbtOptions(given)).toThrow(message);
  });
});

describe('truncation selection', () => {
  it('bottom and top quarter of 8, worst first, NaN counting as worst', () => {
    const { bottom, top } = quantiles(peers([5, 1, NaN, 3, 8, 2, 7, 4]), 'minimize', 0.25);
    expect(bottom.map((p) => p.id)).toEqual([2, 4]);
    expect(top.map((p) => p.id)).toEqual([5, 1]);
    const max = quantiles(peers([5, 1, NaN, 3, 8, 2, 7, 4]), 'maximize', 0.25);
    expect(max.bottom.map((p) => p.id)).toEqual([2, 1]);
    expect(max.top.map((p) => p.id)).toEqual([6, 4]);
  });

  it('rounds the quantile up but never past half; nobody with one peer', () => {
    expect(quantiles(peers([1, 2, 3]), 'minimize', 0.25).bottom).toHaveLength(1);
    expect(quantiles(peers([1, 2]), 'minimize', 0.5).bottom).toHaveLength(1);
    expect(quantiles(peers([1, 2, 3]), 'minimize', 0.5).top).toHaveLength(1);
    expect(quantiles(peers([1]), 'minimize', 0.25).bottom).toHaveLength(0);
  });
});

describe('exploit/explore', () => {
  const all = peers([0.9, 0.1, 0.5, 0.6, 0.7, 0.2, 0.3, 0.8]);
  const step = (memberId: number, seed = 3) =>
    exploitExplore({
      space,
      options: OPTIONS,
      direction: 'minimize',
      step: 4,
      memberId,
      peers: all,
      rng: Rng.fromSeed(seed),
    });

  it('a bottom member copies a top member and explores its mutable params only', () => {
    for (let seed = 0; seed < 50; seed++) {
      const d = step(0, seed);
      if (!d.exploit) throw new Error('member 0 is the worst: it must exploit');
      const { event } = d;
      expect([1, 5]).toContain(event.sourceId);
      const source = all[event.sourceId].params;
      expect(event.oldParams).toEqual(all[0].params);
      expect(validateParams(space, event.newParams)).toEqual(event.newParams);
      expect(event.newParams.width).toBe(source.width);
      expect(event.newParams.epochs).toBe(12);
      for (const [name, c] of Object.entries(event.changes)) {
        expect(c.from).toBe(source[name]);
        expect(c.to).toBe(event.newParams[name]);
        if (c.how === 'x0.8' || c.how === 'x1.2') {
          expect(c.to).toBe(
            perturb(param(name) as never, c.from as number, Number(c.how.slice(1))),
          );
        } else expect(c.how).toBe('resampled');
      }
      expect(Object.keys(event.changes).sort()).toEqual([
        'act',
        'batch',
        'dropout',
        'lr',
        'momentum',
      ]);
    }
  });

  it('members above the bottom quantile go on unchanged', () => {
    for (const id of [1, 2, 3, 5, 6]) expect(step(id).exploit).toBe(false);
    expect(step(7).exploit).toBe(true);
  });

  it('the same rng state gives the same decision', () => {
    expect(step(7, 11)).toEqual(step(7, 11));
    expect(step(7, 11)).not.toEqual(step(7, 12));
  });

  it('resamples numbers with probability 0.25 and perturbs by 0.8 or 1.2 otherwise', () => {
    const rng = Rng.fromSeed(5);
    const counts: Record<string, number> = {};
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const how = explore(space, base(), rng, OPTIONS).changes.lr.how;
      counts[how] = (counts[how] ?? 0) + 1;
    }
    expect(counts.resampled / n).toBeCloseTo(0.25, 1);
    expect(counts['x0.8'] / n).toBeCloseTo(0.375, 1);
    expect(counts['x1.2'] / n).toBeCloseTo(0.375, 1);
  });

  it('never changes a parameter that is not declared mutable', () => {
    const fixed = validateSpace({ ...SPACE, lr: { ...SPACE.lr, mutable: false } });
    const rng = Rng.fromSeed(9);
    for (let i = 0; i < 200; i++) expect(explore(fixed, base(), rng, OPTIONS).params.lr).toBe(0.01);
  });

  it('a changed categorical activates and drops its conditional parameters', () => {
    const cond = validateSpace({
      optimizer: { type: 'categorical', choices: ['sgd', 'adam'], mutable: true },
      momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
      lr: { type: 'float', low: 1e-3, high: 1, log: true, mutable: true },
    });
    const rng = Rng.fromSeed(2);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { params, changes } = explore(cond, { optimizer: 'adam', lr: 0.1 }, rng, OPTIONS);
      expect(validateParams(cond, params)).toEqual(params);
      if (params.optimizer === 'sgd') expect(changes.momentum.how).toBe('activated');
      seen.add(String(params.optimizer));
    }
    expect(seen).toEqual(new Set(['sgd', 'adam']));
  });
});

describe('perturb', () => {
  it('multiplies, clips to the range and keeps log parameters positive', () => {
    expect(perturb(param('lr') as never, 0.01, 1.2)).toBeCloseTo(0.012, 15);
    expect(perturb(param('lr') as never, 0.09, 1.2)).toBe(0.1);
    expect(perturb(param('lr') as never, 1.1e-4, 0.8)).toBe(1e-4);
    expect(perturb(param('momentum') as never, 0.9, 1.2)).toBe(0.99);
  });

  it('puts ints and stepped floats on their grid, moving small values at least one step', () => {
    expect(perturb(param('batch') as never, 64, 1.2)).toBe(77);
    expect(perturb(param('batch') as never, 8, 1.2)).toBe(10);
    const layers = validateSpace({ n: { type: 'int', low: 1, high: 4 } }).parameters[0];
    expect(perturb(layers as never, 2, 1.2)).toBe(3);
    expect(perturb(layers as never, 2, 0.8)).toBe(1);
    expect(perturb(layers as never, 4, 1.2)).toBe(4);
    expect(perturb(param('dropout') as never, 0.2, 1.2)).toBe(0.25);
    expect(perturb(param('dropout') as never, 0.05, 1.2)).toBe(0.1);
    expect(perturb(param('dropout') as never, 0, 0.8)).toBe(0);
  });
});

describe('lineage and schedule', () => {
  const events = [
    { step: 4, memberId: 'b', sourceId: 'a', newParams: { lr: 2 } },
    { step: 4, memberId: 'c', sourceId: 'b', newParams: { lr: 3 } },
    { step: 8, memberId: 'a', sourceId: 'c', newParams: { lr: 4 } },
    { step: 12, memberId: 'c', sourceId: 'a', newParams: { lr: 5 } },
  ];
  const initial = (id: string) => ({ lr: id.charCodeAt(0) - 96 + 10 });

  it('walks exploits back through their sources, only to events before each one', () => {
    expect(lineageOf(events, 'a').map((e) => e.newParams.lr)).toEqual([2, 3, 4]);
    expect(lineageOf(events, 'c', 11).map((e) => e.newParams.lr)).toEqual([2, 3]);
    expect(lineageOf(events, 'b', 3)).toEqual([]);
  });

  it('gives the params per epoch range, from the origin member', () => {
    expect(scheduleOf(events, initial, 'a')).toEqual({
      origin: 'a',
      // b's params from epoch 5 were replaced by c's copy at the same step: never trained.
      segments: [
        { fromStep: 1, params: { lr: 11 } },
        { fromStep: 5, params: { lr: 3 } },
        { fromStep: 9, params: { lr: 4 } },
      ],
    });
    expect(scheduleOf(events, initial, 'b')).toEqual({
      origin: 'a',
      segments: [
        { fromStep: 1, params: { lr: 11 } },
        { fromStep: 5, params: { lr: 2 } },
      ],
    });
  });
});

/**
 * A toy "training" whose state is a number: each epoch moves it by a step that depends on the
 * params; the score is its distance to a target. Enough to check the driver's bookkeeping and that
 * replaying a schedule from scratch gives the member's curve.
 */
interface Toy {
  x: number;
  epoch: number;
  curve: number[];
}
const TOY_SPACE = {
  lr: { type: 'float', low: 0.01, high: 1, log: true, mutable: true },
  start: { type: 'float', low: -5, high: 5 },
};
async function toyTrain(t: {
  memberId: number;
  params: Params;
  from: Toy | null;
  toStep: number;
}): Promise<{ score: number; checkpoint: Toy }> {
  const s = t.from
    ? { ...t.from, curve: [...t.from.curve] }
    : { x: t.params.start as number, epoch: 0, curve: [] };
  while (s.epoch < t.toStep) {
    s.x -= (t.params.lr as number) * (s.x - 3) * 0.5;
    s.epoch++;
    s.curve.push(Math.abs(s.x - 3));
  }
  return { score: s.curve[s.curve.length - 1], checkpoint: s };
}

describe('population', () => {
  it('runs generations, logs events, and round-trips through JSON mid-run', async () => {
    const run = await runPopulation({
      space: TOY_SPACE,
      direction: 'minimize',
      pbt: { perturbationInterval: 3 },
      epochs: 12,
      seed: 4,
      train: toyTrain,
    });
    const pop = run.population;
    expect(pop.members).toHaveLength(8);
    expect(pop.members.every((m) => m.step === 12)).toBe(true);
    // 3 decision points, the bottom 2 of 8 exploit at each.
    expect(pop.events).toHaveLength(6);
    expect(new Set(pop.events.map((e) => e.step))).toEqual(new Set([3, 6, 9]));
    const json = JSON.parse(JSON.stringify(pop.toJSON()));
    const copy = Population.fromJSON(json);
    expect(copy.toJSON()).toEqual(pop.toJSON());
    expect(copy.lineage(pop.best!.id)).toEqual(pop.lineage(pop.best!.id));
  });

  it('keeps NaN scores through JSON and ranks a diverged member last', () => {
    const pop = Population.create({
      space: TOY_SPACE,
      direction: 'minimize',
      options: { populationSize: 2 },
      initial: [
        { lr: 0.1, start: 1 },
        { lr: 0.2, start: 2 },
      ],
    });
    pop.record(0, 1, NaN);
    pop.record(1, 1, 0.5);
    const copy = Population.fromJSON(JSON.parse(JSON.stringify(pop.toJSON())));
    expect(copy.members[0].score).toBeNaN();
    const d = copy.exploitExplore(0, Rng.fromSeed(1));
    expect(d.exploit && d.event.sourceId).toBe(1);
    expect(copy.events[0].memberScore).toBeNaN();
    expect(() => copy.record(1, 1, 0.2)).toThrow('member 1: step must be an integer > 1, got 1');
  });

  it("replaying the best member's schedule from scratch reproduces its curve", async () => {
    const run = await runPopulation({
      space: TOY_SPACE,
      direction: 'minimize',
      pbt: { perturbationInterval: 2, populationSize: 6 },
      epochs: 10,
      seed: 8,
      train: toyTrain,
    });
    const best = run.population.best!;
    const schedule = run.population.schedule(best.id);
    expect(run.population.lineage(best.id).length).toBeGreaterThan(0);
    let ckpt: Toy | null = null;
    for (let i = 0; i < schedule.segments.length; i++) {
      const next = schedule.segments[i + 1]?.fromStep ?? 11;
      ckpt = (
        await toyTrain({
          memberId: schedule.origin,
          params: schedule.segments[i].params,
          from: ckpt,
          toStep: next - 1,
        })
      ).checkpoint;
    }
    expect(ckpt!.curve).toEqual(run.checkpoints[best.id].curve);
  });

  it('refuses a space without mutable parameters', async () => {
    await expect(
      runPopulation({
        space: { x: { type: 'float', low: 0, high: 1 } },
        direction: 'minimize',
        epochs: 4,
        seed: 1,
        train: toyTrain,
      }),
    ).rejects.toThrow('pbt needs at least one parameter declared "mutable": true');
  });
});

describe('pbt sampler', () => {
  it('draws legal, distinct initial members and validates its options', () => {
    const sampler = pbtSampler.create({ options: { populationSize: 4 }, space, seed: 1 });
    const rng = Rng.fromSeed(1);
    const drawn = Array.from({ length: 4 }, () =>
      sampler.sample({ space, direction: 'minimize', directions: ['minimize'], trials: [], rng }),
    );
    for (const p of drawn) expect(validateParams(space, p)).toEqual(p);
    expect(new Set(drawn.map((p) => JSON.stringify(p))).size).toBe(4);
    expect(() => pbtSampler.create({ options: { quantileFraction: 1 }, space, seed: 1 })).toThrow(
      'quantileFraction must be <= 0.5, got 1',
    );
  });
});
