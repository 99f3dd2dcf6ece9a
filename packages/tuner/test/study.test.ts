import { describe, expect, it } from 'vitest';
import {
  createStudy,
  loadStudy,
  OptionsError,
  SpaceError,
  StudyExhaustedError,
  TrialStateError,
} from '../src/index.js';

const SPACE = {
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
};

describe('study', () => {
  it('asks, tells and keeps the best trial under the direction', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'maximize',
      sampler: { type: 'random', seed: 1 },
    });
    const a = study.ask();
    const b = study.ask();
    expect([a.id, b.id]).toEqual([0, 1]);
    study.tell(b.id, 0.9);
    study.tell(a.id, 0.5);
    expect(study.bestTrial?.id).toBe(1);
    expect(study.trials.map((t) => t.state)).toEqual(['completed', 'completed']);
  });

  it('serves enqueued params first, then the sampler', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    study.enqueue({ optimizer: 'sgd', momentum: 0.9 });
    expect(study.ask().params).toEqual({ optimizer: 'sgd', momentum: 0.9 });
    expect(() => study.enqueue({ optimizer: 'adam', momentum: 0.9 })).toThrow(SpaceError);
  });

  it('rejects tells and reports on finished or unknown trials', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    const t = study.ask();
    study.tell(t.id, { state: 'pruned' });
    expect(() => study.tell(t.id, 1)).toThrow('tell(0): trial 0 is already pruned');
    expect(() => study.report(t.id, 1, 1)).toThrow(TrialStateError);
    expect(() => study.tell(5, 1)).toThrow('tell(5): no such trial');
  });

  it('keeps intermediate values sorted by step, a repeated step replacing its value', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    const t = study.ask();
    study.report(t.id, 3, 0.3);
    study.report(t.id, 1, 0.1);
    study.report(t.id, 3, 0.25);
    study.report(t.id, 2, NaN);
    expect(study.trials[0].intermediate).toEqual([
      [1, 0.1],
      [2, NaN],
      [3, 0.25],
    ]);
    const copy = loadStudy(JSON.parse(JSON.stringify(study.toJSON())));
    expect(copy.trials[0].intermediate[1][1]).toBeNaN();
  });

  it('adds trials that were run elsewhere', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    const t = study.addTrial({ params: { optimizer: 'adam' }, state: 'completed', value: 0.2 });
    expect(study.bestTrial).toEqual(t);
    expect(() => study.addTrial({ params: { optimizer: 'adam' }, state: 'completed' })).toThrow(
      'a completed trial needs 1 finite objective value(s), got undefined',
    );
  });

  it('throws StudyExhaustedError when a grid is done', () => {
    const study = createStudy({
      space: { optimizer: SPACE.optimizer },
      direction: 'minimize',
      sampler: { type: 'grid', seed: 1 },
    });
    study.ask();
    study.ask();
    expect(() => study.ask()).toThrow(StudyExhaustedError);
  });

  it('validates options once, naming the field', () => {
    const make = (sampler: object, stopper?: object) =>
      createStudy({
        space: SPACE,
        direction: 'minimize',
        sampler: sampler as never,
        stopper: stopper as never,
      });
    expect(() => make({ type: 'anneal' })).toThrow(
      'sampler.type must be one of grid, random, sobol, evolution',
    );
    expect(() => make({ type: 'random', seed: 1, popsize: 3 })).toThrow(
      'random sampler has no option "popsize"',
    );
    expect(() => make({ type: 'random', seed: 1 }, { type: 'asha', reductionFactor: 1 })).toThrow(
      'reductionFactor must be >= 2, got 1',
    );
    expect(() =>
      make({ type: 'evolution', seed: 1, populationSize: 4, tournamentSize: 5 }),
    ).toThrow(OptionsError);
    expect(() => make({ type: 'random', seed: 1 }, { type: 'hyperband' })).toThrow(
      'maxResource is required',
    );
    expect(() =>
      createStudy({ space: SPACE, direction: 'down' as never, sampler: { type: 'random' } }),
    ).toThrow('direction must be one of minimize, maximize, got "down"');
  });

  it('answers shouldStop without a stopper', () => {
    const study = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    const t = study.ask();
    expect(study.shouldStop(t.id)).toEqual({
      stop: false,
      rule: 'none',
      reason: 'no stopper is configured',
    });
  });
});
