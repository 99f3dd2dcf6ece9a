// Studies with several objectives and constraints: how results are told, the Pareto front and
// its hypervolume, constrained best trials, refusals, and the JSON round trip. Plus every sampler
// that accepts several objectives through the shared multi-objective cases.

import { describe, expect, it } from 'vitest';
import {
  createStudy,
  loadStudy,
  OptionsError,
  SAMPLERS,
  validateParams,
  validateSpace,
  type Params,
  type StudyConfig,
} from '../src/index.js';

const SPACE = { x: { type: 'float', low: 0, high: 1 }, y: { type: 'float', low: 0, high: 1 } };
const OBJECTIVES = [
  { name: 'val_acc', direction: 'maximize' },
  { name: 'param_count', direction: 'minimize' },
] as const;

const study = (extra: Partial<StudyConfig> = {}) =>
  createStudy({
    space: SPACE,
    objectives: OBJECTIVES,
    sampler: { type: 'random', seed: 1 },
    ...extra,
  } as StudyConfig);

describe('a study with several objectives', () => {
  it('takes values in objective order, by name, or with constraints', () => {
    const s = study({ constraints: [{ metric: 'latency_ms', max: 2 }] });
    const a = s.ask();
    const b = s.ask();
    const c = s.ask();
    s.tell(a.id, { values: [0.9, 1000], constraints: [1.5] });
    s.tell(b.id, { metrics: { val_acc: 0.95, param_count: 500, latency_ms: 3, other: 1 } });
    s.tell(c.id, { metrics: { val_acc: 0.8, param_count: 100, latency_ms: NaN } });
    expect(s.trials[0]).toMatchObject({ values: [0.9, 1000], constraints: [1.5], violation: 0 });
    expect(s.trials[1]).toMatchObject({ value: 0.95, violation: 1 });
    expect(s.trials[2].violation).toBe(Infinity); // an unknown latency cannot be feasible
    expect(() => s.tell(s.ask().id, { metrics: { val_acc: 1 } })).toThrow(
      'metrics has no number for objective "param_count"',
    );
    expect(() => s.tell(s.trials.length - 1, [0.9, 1])).toThrow(
      'expected 1 constraint value(s) (latency_ms)',
    );
  });

  it('records a trial with a non-finite objective as failed', () => {
    const s = study();
    const t = s.ask();
    expect(s.tell(t.id, [0.9, NaN]).state).toBe('failed');
    expect(() => s.tell(s.ask().id, [0.9])).toThrow(
      'expected 2 objective value(s) (val_acc, param_count)',
    );
  });

  it('keeps the feasible non-dominated trials as the front, with its exact hypervolume', () => {
    const s = study({ constraints: [{ metric: 'latency_ms', max: 2 }] });
    const results = [
      [0.9, 1000, 1], // front
      [0.8, 500, 1], // front
      [0.7, 800, 1], // dominated by trial 1
      [0.99, 10, 5], // would dominate everything, but infeasible
      [0.95, 2000, 2], // front (latency at the bound is feasible)
    ];
    for (const [acc, size, latency] of results) {
      s.tell(s.ask().id, { values: [acc, size], constraints: [latency] });
    }
    expect(s.paretoFront.map((t) => t.id)).toEqual([0, 1, 4]);
    // As losses (−acc, size) against (−0.5, 3000): sorted by −acc the strips are
    // 0.45·1000 (0.95, 2000) + 0.4·1000 (0.9, 1000) + 0.3·500 (0.8, 500).
    expect(s.hypervolume([0.5, 3000])).toBeCloseTo(450 + 400 + 150, 9);
    const history = s.hypervolumeHistory([0.5, 3000]);
    expect(history.map((v) => Number(v.toFixed(9)))).toEqual([800, 950, 950, 950, 1000]);
    // The default reference is the worst feasible value of each objective, (0.7, 2000): trial 4
    // touches it and adds nothing; 0.2·1000 (0.9, 1000) + 0.1·500 (0.8, 500).
    expect(s.hypervolume()).toBeCloseTo(0.2 * 1000 + 0.1 * 500, 9);
  });

  it('has a front, not a best trial', () => {
    expect(() => study().bestTrial).toThrow('has no single best trial; use paretoFront');
  });

  it('is refused by samplers of one objective, naming those that accept several', () => {
    for (const type of ['gp', 'cmaes', 'evolution', 'pbt']) {
      expect(() => study({ sampler: { type, seed: 1 } })).toThrow(
        new RegExp(
          `the ${type} sampler optimizes one objective, but this study has 2 \\(val_acc, param_count\\); use .*tpe, nsga2`,
        ),
      );
    }
  });

  it('lets a stopper judge the named primary objective only', () => {
    const stopper = { type: 'median', minTrials: 1 };
    expect(() => study({ stopper })).toThrow(
      'a stopper judges one objective: name it with primary',
    );
    expect(() => study({ stopper, primary: 'loss' })).toThrow('primary must name an objective');
    const s = study({ stopper, primary: 'val_acc' });
    expect(s.direction).toBe('maximize');
    const a = s.ask();
    s.report(a.id, 1, 0.9);
    s.tell(a.id, [0.9, 10]);
    const b = s.ask();
    s.report(b.id, 1, 0.2);
    const decision = s.shouldStop(b.id);
    expect(decision.stop).toBe(true);
    expect(decision.reason).toContain('val_acc');
  });

  it('round-trips through JSON with constraints, NaN metrics included', () => {
    const s = study({ constraints: [{ metric: 'latency_ms', max: 2 }] });
    s.tell(s.ask().id, { values: [0.9, 10], constraints: [NaN] });
    s.tell(s.ask().id, { values: [0.8, 5], constraints: [1] });
    s.ask();
    const copy = loadStudy(JSON.parse(JSON.stringify(s.toJSON())));
    expect(copy.trials).toEqual(s.trials);
    expect(copy.objectives).toEqual(s.objectives);
    expect(copy.paretoFront.map((t) => t.id)).toEqual([1]);
    expect(copy.ask().params).toEqual(s.ask().params);
  });

  it('validates objectives and constraints, naming the field', () => {
    const make = (extra: object) => () =>
      createStudy({ space: SPACE, sampler: { type: 'random' }, ...extra } as StudyConfig);
    expect(make({ objectives: [] })).toThrow('objectives must be an array of 1..10');
    expect(make({ objectives: OBJECTIVES, direction: 'minimize' })).toThrow(
      'give either direction (one objective) or objectives',
    );
    expect(make({ objectives: [OBJECTIVES[0], OBJECTIVES[0]] })).toThrow('listed twice');
    expect(make({ objectives: [{ name: 'a', direction: 'up' }] })).toThrow(
      'objectives[0].direction must be one of minimize, maximize',
    );
    expect(make({ direction: 'minimize', constraints: [{ metric: 'm', max: 'x' }] })).toThrow(
      'constraints[0].max must be a finite number',
    );
    expect(make({ direction: 'minimize', constraints: [{ metric: 'm', max: 1, min: 0 }] })).toThrow(
      'constraints[0] needs exactly one of max or min (the bound on m)',
    );
  });
});

describe('constraints on a single objective', () => {
  it('never makes an infeasible trial the best, however good its value', () => {
    const s = createStudy({
      space: SPACE,
      direction: 'minimize',
      constraints: [{ metric: 'model_bytes', max: 65536 }],
      sampler: { type: 'tpe', seed: 2 },
    });
    s.tell(s.ask().id, { values: 0.1, constraints: [70000] });
    expect(s.bestTrial).toBeUndefined();
    s.tell(s.ask().id, { values: 0.5, constraints: [60000] });
    expect(s.bestTrial?.id).toBe(1);
    expect(() => s.tell(s.ask().id, 0.3)).toThrow('expected 1 constraint value(s) (model_bytes)');
  });

  it('takes a lower bound: below min is infeasible by the shortfall', () => {
    const s = createStudy({
      space: SPACE,
      direction: 'minimize',
      constraints: [{ metric: 'val_acc', min: 0.9 }],
      sampler: { type: 'random', seed: 2 },
    });
    s.tell(s.ask().id, { values: 0.1, constraints: [0.85] });
    s.tell(s.ask().id, { values: 0.5, constraints: [0.95] });
    expect(s.trials[0].violation).toBeCloseTo(0.05, 12);
    expect(s.trials[1].violation).toBe(0);
    expect(s.bestTrial?.id).toBe(1);
  });

  it('loads studies saved before objectives existed', () => {
    const s = createStudy({
      space: SPACE,
      direction: 'minimize',
      sampler: { type: 'random', seed: 1 },
    });
    s.tell(s.ask().id, 0.4);
    const json = JSON.parse(JSON.stringify(s.toJSON()));
    delete json.trials[0].values;
    expect(loadStudy(json).trials[0].values).toEqual([0.4]);
    expect(json.objectives).toBeUndefined();
  });
});

/** Two conflicting objectives over any params, plus a constraint some configurations break. */
function results(params: Params): { values: number[]; constraints: number[] } {
  let a = 0;
  let b = 0;
  for (const v of Object.values(params)) {
    const x = typeof v === 'number' ? Math.log1p(Math.abs(v)) : String(v).length;
    a += x;
    b += 1 / (1 + x);
  }
  return { values: [a, b], constraints: [a - 5] };
}

const MIXED = {
  lr: { type: 'float', low: 1e-4, high: 0.1, log: true },
  layers: { type: 'int', low: 1, high: 4 },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
  momentum: { type: 'float', low: 0, high: 0.99, when: { optimizer: ['sgd'] } },
};

describe.each(
  Object.values(SAMPLERS)
    .filter((f) => f.multiObjective)
    .map((f) => f.type),
)('%s sampler with two objectives and a constraint', (type) => {
  const make = () =>
    createStudy({
      space: MIXED,
      objectives: [
        { name: 'a', direction: 'minimize' },
        { name: 'b', direction: 'minimize' },
      ],
      constraints: [{ metric: 'c', max: 0 }],
      sampler: { type, seed: 4, ...(type === 'nsga2' && { populationSize: 8 }) },
    });
  const run = (s: ReturnType<typeof make>, n: number) => {
    const seen: Params[] = [];
    for (let i = 0; i < n; i++) {
      let t;
      try {
        t = s.ask();
      } catch {
        break; // a finished grid
      }
      seen.push(t.params);
      s.tell(t.id, results(t.params));
    }
    return seen;
  };

  it('emits legal params, keeps a feasible front and continues identically after reload', () => {
    const space = validateSpace(MIXED);
    const s = make();
    for (const p of run(s, 24)) expect(validateParams(space, p)).toEqual(p);
    expect(s.paretoFront.length).toBeGreaterThan(0);
    expect(s.paretoFront.every((t) => t.violation === 0)).toBe(true);
    const copy = loadStudy(JSON.parse(JSON.stringify(s.toJSON())));
    expect(run(copy, 8)).toEqual(run(s, 8));
  });
});

it('refuses an unknown option of a multi-objective sampler', () => {
  expect(() => study({ sampler: { type: 'nsga2', seed: 1, popsize: 3 } as never })).toThrow(
    OptionsError,
  );
});
