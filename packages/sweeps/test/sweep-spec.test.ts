import { SAMPLERS } from '@sweepwise/tuner';
import { describe, expect, it } from 'vitest';
import { catalogue, SweepSpec, type SweepSpecInput } from '../src/index.js';
import { sweepSpecSchema } from '../src/spec.js';

function body(overrides: Record<string, unknown> = {}): SweepSpecInput {
  return {
    name: 'sweep-body',
    workload: { builtin: { objective: 'quadratic', steps: 2 } },
    metric: { name: 'loss', goal: 'minimize' },
    parameters: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 12, maxConcurrentTrials: 4 },
    ...overrides,
  } as SweepSpecInput;
}

/** The issues of a refused body: path joined with dots -> message. */
function refused(input: SweepSpecInput): Record<string, string> {
  const result = SweepSpec.safeParse(input);
  expect(result.success).toBe(false);
  return Object.fromEntries(
    result.error!.issues.map((i) => {
      const path = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]] : i.path;
      return [path.join('.'), i.message];
    }),
  );
}

const engine = (dataset: Record<string, unknown>, metric: string) =>
  body({
    workload: { engine: { dataset, epochs: 2 } },
    metric: { name: metric, goal: 'minimize' },
    parameters: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
  });

describe('SweepSpec', () => {
  it('fills the budget default and keeps the algorithm settings', () => {
    const parsed = SweepSpec.parse(body({ budget: { maxTrials: 3 } }));
    expect(parsed.budget).toEqual({
      maxTrials: 3,
      maxConcurrentTrials: 2,
      maxWallTimeS: null,
    });
    expect(parsed.algorithm).toEqual({ type: 'random', seed: 1 });
  });

  it('takes an external workload: ask/tell only, no settings', () => {
    expect(SweepSpec.parse(body({ workload: { external: {} } })).workload).toEqual({
      external: {},
    });
  });

  it.each([
    ['parameters.lr', { parameters: { lr: { type: 'float', low: 1, high: 0.1 } } }],
    ['parameters.lr', { parameters: { lr: { type: 'float', low: 0, high: 1, log: true } } }],
    ['algorithm.seed', { algorithm: { type: 'random', seed: -1 } }],
    ['algorithm.type', { algorithm: { type: 'annealing' } }],
    ['stopper.minTrials', { stopper: { type: 'median', minTrials: -2 } }],
    ['workload', { workload: { builtin: { objective: 'quadratic' }, engine: {} } }],
    ['workload.builtin.objective', { workload: { builtin: { objective: 'rosenbrock' } } }],
    ['workload.external.hosts', { workload: { external: { hosts: 2 } } }],
    ['workload', { workload: { external: {}, builtin: { objective: 'quadratic' } } }],
    ['budget.maxTrials', { budget: { maxTrials: 0 } }],
    ['metric.goal', { metric: { name: 'loss', goal: 'down' } }],
    [
      'workload.engine.epochs',
      {
        workload: { engine: { dataset: { name: 'iris' }, epochs: -1 } },
        parameters: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
      },
    ],
    [
      'parameters.optimizer.lrr',
      {
        workload: { engine: { dataset: { name: 'iris' } } },
        parameters: { 'optimizer.lrr': { type: 'float', low: 0.01, high: 0.1 } },
      },
    ],
  ])('refuses an invalid sweep naming %s', (field, overrides) => {
    expect(Object.keys(refused(body(overrides)))).toContain(field);
  });

  it('names every sampler and stopper of the tuner, percentile included', () => {
    const message = refused(body({ algorithm: { type: 'annealing' } }))['algorithm.type'];
    for (const type of Object.keys(SAMPLERS)) expect(message).toContain(type);
    expect(SweepSpec.safeParse(body({ stopper: { type: 'percentile' } })).success).toBe(true);
  });

  it('refuses an engine objective the data set does not report, listing what it does', () => {
    expect(refused(engine({ name: 'iris' }, 'val_accuracy'))).toEqual({
      'metric.name':
        'unknown metric "val_accuracy" for iris; the engine reports val_loss, val_acc, train_loss, train_acc' +
        ', param_count, model_bytes, flops_per_sample, optimizer_state_bytes, activation_bytes_per_batch, latency_ms',
    });
    // A regression data set has no accuracy.
    expect(refused(engine({ name: 'cars' }, 'val_acc'))['metric.name']).toBe(
      'unknown metric "val_acc" for cars; the engine reports val_loss, train_loss, param_count, model_bytes, flops_per_sample, optimizer_state_bytes, activation_bytes_per_batch, latency_ms',
    );
    // Every engine trial reports its model's cost figures, so a sweep may minimize one.
    expect(SweepSpec.safeParse(engine({ name: 'cars' }, 'param_count')).success).toBe(true);
    expect(SweepSpec.safeParse(engine({ name: 'cars' }, 'val_loss')).success).toBe(true);
  });

  it('takes a command workload metric as the command reports it', () => {
    const command = body({
      workload: { command: { program: 'python3', args: ['train.py'] } },
      metric: { name: 'my_score', goal: 'maximize' },
    });
    expect(SweepSpec.safeParse(command).success).toBe(true);
  });

  it('refuses the old keys by name, with the key that replaced them', () => {
    const { metric: _, ...rest } = body();
    const objective = { metric: 'loss', direction: 'minimize' };
    expect(refused({ ...rest, objective } as never)).toMatchObject({
      objective: 'objective is now metric: { name, goal }',
    });
    const old = body({ budget: { max_trials: 3 } as never });
    expect(refused(old)).toMatchObject({
      'budget.max_trials': 'max_trials is now budget.maxTrials',
    });
  });

  it('refuses unknown keys, naming those it knows', () => {
    const issue = SweepSpec.safeParse({ ...body(), budget: { maxTrials: 3, maxTrial: 4 } }).error!
      .issues[0];
    expect(issue).toMatchObject({
      code: 'unrecognized_keys',
      path: ['budget'],
      keys: ['maxTrial'],
    });
    expect(issue.message).toBe(
      'unknown field; expected one of maxTrials, maxConcurrentTrials, maxWallTimeS, maxFailedTrials',
    );
  });

  it('has a browser-side schema over the catalogue that agrees on shape, not on tuner checks', () => {
    const browser = sweepSpecSchema(catalogue());
    expect(browser.parse(body())).toEqual(SweepSpec.parse(body()));
    expect(browser.safeParse(body({ algorithm: { type: 'annealing' } })).success).toBe(false);
    // An empty range is the tuner's to refuse, on the server.
    const empty = body({ parameters: { lr: { type: 'float', low: 1, high: 0.1 } } });
    expect(browser.safeParse(empty).success).toBe(true);
    expect(SweepSpec.safeParse(empty).success).toBe(false);
  });
});

describe('SweepSpec objectives and constraints', () => {
  const two = [
    { name: 'val_acc', goal: 'maximize' },
    { name: 'param_count', goal: 'minimize' },
  ];
  const iris = (overrides: Record<string, unknown>) =>
    body({
      workload: { engine: { dataset: { name: 'iris' }, epochs: 2 } },
      parameters: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
      metric: undefined,
      algorithm: { type: 'tpe', seed: 1 },
      ...overrides,
    });

  it('takes metrics and constraints; metric is then the primary objective, metrics[0] by default', () => {
    const parsed = SweepSpec.parse(
      iris({
        metrics: two,
        constraints: [
          { metric: 'model_bytes', max: 65536 },
          { metric: 'latency_ms', max: 2 },
        ],
      }),
    );
    expect(parsed.metric).toEqual(two[0]);
    expect(parsed.metrics).toEqual(two);
    expect(parsed.constraints).toEqual([
      { metric: 'model_bytes', max: 65536 },
      { metric: 'latency_ms', max: 2 },
    ]);
    // The stored spec parses again to itself.
    expect(SweepSpec.parse(parsed)).toEqual(parsed);
    const primary = SweepSpec.parse(iris({ metrics: two, metric: two[1] }));
    expect(primary.metric).toEqual(two[1]);
  });

  it('refuses a sampler of one objective, naming algorithm.type and the samplers that can', () => {
    const issues = refused(iris({ metrics: two, algorithm: { type: 'gp' } }));
    expect(issues['algorithm.type']).toMatch(
      /^the gp sampler optimizes one objective, but this study has 2 \(val_acc, param_count\); use .*nsga2/,
    );
  });

  it('refuses a stopper unless metric names the primary objective', () => {
    const stopper = { type: 'median' };
    expect(refused(iris({ metrics: two, stopper })).stopper).toBe(
      'a stopper judges one objective: name it with metric: { name, goal }, one of metrics (val_acc, param_count)',
    );
    expect(SweepSpec.safeParse(iris({ metrics: two, metric: two[0], stopper })).success).toBe(true);
  });

  it.each([
    ['metric', { metric: undefined }, 'is required (or give metrics)'],
    [
      'metric',
      { metrics: two, metric: { name: 'val_loss', goal: 'minimize' } },
      'must be one of metrics (val_acc: maximize, param_count: minimize), the primary objective',
    ],
    ['metrics.1.name', { metrics: [two[0], two[0]] }, 'val_acc is listed twice'],
    [
      'constraints.0',
      { metrics: two, constraints: [{ metric: 'latency_ms', max: 2, min: 1 }] },
      'needs exactly one of max or min',
    ],
    [
      'constraints.0.metric',
      { metrics: two, constraints: [{ metric: 'latency', max: 2 }] },
      'unknown metric "latency" for iris',
    ],
    [
      'metrics.1.name',
      { metrics: [two[0], { name: 'size', goal: 'minimize' }] },
      'unknown metric "size" for iris',
    ],
  ])('refuses %s: %s', (path, overrides, message) => {
    expect(refused(iris(overrides))[path]).toContain(message);
  });

  it('applies constraints to one objective too', () => {
    const parsed = SweepSpec.parse(
      iris({ metric: two[0], constraints: [{ metric: 'param_count', min: 10 }] }),
    );
    expect(parsed.metrics).toBeUndefined();
    expect(parsed.constraints).toEqual([{ metric: 'param_count', min: 10 }]);
  });
});
