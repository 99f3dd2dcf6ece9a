import { SAMPLERS } from '@sweepwise/tuner';
import { describe, expect, it } from 'vitest';
import { createSweepBodySchema, type CreateSweepInput } from '../src/index.js';

function body(overrides: Record<string, unknown> = {}): CreateSweepInput {
  return {
    name: 'sweep-body',
    workload: { builtin: { objective: 'quadratic', steps: 2 } },
    objective: { metric: 'loss', direction: 'minimize' },
    space: { lr: { type: 'float', low: 1e-4, high: 0.1, log: true } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 12, maxConcurrentTrials: 4 },
    ...overrides,
  } as CreateSweepInput;
}

/** The issues of a refused body: path joined with dots -> message. */
function refused(input: CreateSweepInput): Record<string, string> {
  const result = createSweepBodySchema.safeParse(input);
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

const engine = (dataset: Record<string, unknown>, metric: string) =>
  body({
    workload: { engine: { dataset, epochs: 2 } },
    objective: { metric, direction: 'minimize' },
    space: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
  });

describe('createSweepBodySchema', () => {
  it('fills the budget default and keeps the algorithm settings', () => {
    const parsed = createSweepBodySchema.parse(body({ budget: { maxTrials: 3 } }));
    expect(parsed.budget).toEqual({ maxTrials: 3, maxConcurrentTrials: 2 });
    expect(parsed.algorithm).toEqual({ type: 'random', seed: 1 });
  });

  it.each([
    ['space.lr', { space: { lr: { type: 'float', low: 1, high: 0.1 } } }],
    ['space.lr', { space: { lr: { type: 'float', low: 0, high: 1, log: true } } }],
    ['algorithm.seed', { algorithm: { type: 'random', seed: -1 } }],
    ['algorithm.type', { algorithm: { type: 'annealing' } }],
    ['stopper.minTrials', { stopper: { type: 'median', minTrials: -2 } }],
    ['workload', { workload: { builtin: { objective: 'quadratic' }, engine: {} } }],
    ['workload.builtin.objective', { workload: { builtin: { objective: 'rosenbrock' } } }],
    ['budget.maxTrials', { budget: { maxTrials: 0 } }],
    ['objective.direction', { objective: { metric: 'loss', direction: 'down' } }],
    [
      'workload.engine.epochs',
      {
        workload: { engine: { dataset: { name: 'iris' }, epochs: -1 } },
        space: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } },
      },
    ],
    [
      'space.optimizer.lrr',
      {
        workload: { engine: { dataset: { name: 'iris' } } },
        space: { 'optimizer.lrr': { type: 'float', low: 0.01, high: 0.1 } },
      },
    ],
  ])('refuses an invalid sweep naming %s', (field, overrides) => {
    expect(Object.keys(refused(body(overrides)))).toContain(field);
  });

  it('names every sampler and stopper of the tuner, percentile included', () => {
    const message = refused(body({ algorithm: { type: 'annealing' } }))['algorithm.type'];
    for (const type of Object.keys(SAMPLERS)) expect(message).toContain(`"${type}"`);
    expect(createSweepBodySchema.safeParse(body({ stopper: { type: 'percentile' } })).success).toBe(
      true,
    );
  });

  it('refuses an engine objective the data set does not report, listing what it does', () => {
    expect(refused(engine({ name: 'iris' }, 'val_accuracy'))).toEqual({
      'objective.metric':
        'unknown metric "val_accuracy" for iris; the engine reports val_loss, val_acc, train_loss, train_acc' +
        ', param_count, model_bytes, flops_per_sample, optimizer_state_bytes, activation_bytes_per_batch',
    });
    // A regression data set has no accuracy.
    expect(refused(engine({ name: 'cars' }, 'val_acc'))['objective.metric']).toBe(
      'unknown metric "val_acc" for cars; the engine reports val_loss, train_loss, param_count, model_bytes, flops_per_sample, optimizer_state_bytes, activation_bytes_per_batch',
    );
    // Every engine trial reports its model's cost figures, so a sweep may minimize one.
    expect(createSweepBodySchema.safeParse(engine({ name: 'cars' }, 'param_count')).success).toBe(
      true,
    );
    expect(createSweepBodySchema.safeParse(engine({ name: 'cars' }, 'val_loss')).success).toBe(
      true,
    );
  });

  it('takes a command workload metric as the command reports it', () => {
    const command = body({
      workload: { command: { program: 'python3', args: ['train.py'] } },
      objective: { metric: 'my_score', direction: 'maximize' },
    });
    expect(createSweepBodySchema.safeParse(command).success).toBe(true);
  });
});
