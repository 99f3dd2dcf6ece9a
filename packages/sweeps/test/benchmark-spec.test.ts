import { validateConfig } from '@sweepwise/engine';
import { describe, expect, it } from 'vitest';
import {
  engineConfigOf,
  InMemoryTrialStore,
  SweepLoop,
  SweepSpec,
  studyConfigOf,
  systemClock,
  toSweepFile,
  parseSweepFile,
  type EngineWorkload,
  type SweepSpecInput,
} from '../src/index.js';

function benchmark(overrides: Record<string, unknown> = {}, bench: Record<string, unknown> = {}) {
  return {
    name: 'bench',
    workload: {
      engine: { batchSize: 16, epochs: 3 },
      benchmark: {
        algorithms: {
          sgd: { optimizer: { type: 'sgd', lr: 0.1 } },
          adam: { optimizer: { type: 'adam' }, schedule: { type: 'exponential' } },
        },
        workloads: {
          iris: {
            engine: { dataset: { name: 'iris' }, model: { hidden: [8] } },
            target: { metric: 'val_acc', min: 0.9 },
          },
          xor: {
            engine: { dataset: { name: 'xor', n: 200 }, epochs: 5 },
            target: { metric: 'val_loss', max: 0.3 },
          },
        },
        seeds: 3,
        ...bench,
      },
    },
    metric: { name: 'val_acc', goal: 'maximize' },
    algorithm: { type: 'grid', seed: 1 },
    budget: { maxTrials: 12, maxConcurrentTrials: 2 },
    ...overrides,
  } as SweepSpecInput;
}

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

describe('benchmark sweeps', () => {
  it('are a grid over algorithm, workload and seed, with no parameters of their own', () => {
    const spec = SweepSpec.parse(benchmark());
    expect(spec.parameters).toEqual({});
    expect(studyConfigOf(spec).space).toEqual({
      algorithm: { type: 'categorical', choices: ['sgd', 'adam'] },
      workload: { type: 'categorical', choices: ['iris', 'xor'] },
      seed: { type: 'categorical', choices: [0, 1, 2] },
    });
  });

  it('round-trip through the sweep file with the same keys', () => {
    const spec = SweepSpec.parse(benchmark());
    expect(parseSweepFile(toSweepFile(spec))).toEqual(spec);
  });

  it('train the shared config under the workload and the algorithm, with the seed and lr factor', () => {
    const spec = SweepSpec.parse(benchmark({ budget: { maxTrials: 24 } }, { lrFactors: [0.5, 1] }));
    const workload = spec.workload as EngineWorkload;
    const config = validateConfig(
      engineConfigOf(workload, { algorithm: 'sgd', workload: 'xor', seed: 2, lrFactor: 0.5 }),
    );
    expect(config.dataset).toMatchObject({ name: 'xor', n: 200 });
    expect(config.epochs).toBe(5); // the workload's, over the shared 3
    expect(config.batchSize).toBe(16);
    expect(config.seed).toBe(2);
    expect(config.optimizer).toMatchObject({ type: 'sgd', lr: 0.05 });
    // A factor scales the optimizer's default learning rate when the algorithm sets none.
    const adam = validateConfig(
      engineConfigOf(workload, { algorithm: 'adam', workload: 'iris', seed: 0, lrFactor: 0.5 }),
    );
    expect(adam.optimizer.lr).toBeCloseTo(0.0005, 12);
    expect(adam.schedule.type).toBe('exponential');
    expect(adam.model.layers).toHaveLength(1);
  });

  it.each([
    [
      'parameters',
      { parameters: { 'optimizer.lr': { type: 'float', low: 0.01, high: 0.1 } } },
      /leave parameters out/,
    ],
    ['algorithm.type', { algorithm: { type: 'random', seed: 1 } }, /must be grid, got "random"/],
    [
      'budget.maxTrials',
      { budget: { maxTrials: 5 } },
      /12 trials \(2 algorithms × 2 workloads × 3 seeds\): must be >= 12, got 5/,
    ],
  ])('refuse %s with the reason', (path, overrides, message) => {
    expect(refused(benchmark(overrides))[path]).toMatch(message);
  });

  it('refuse a benchmark without the engine', () => {
    const spec = benchmark() as { workload: Record<string, unknown> };
    const workload = { benchmark: spec.workload.benchmark, command: { program: 'python3' } };
    expect(refused(benchmark({ workload }))['workload.benchmark']).toMatch(
      /a benchmark runs the engine/,
    );
  });

  it.each([
    [
      'workload.benchmark.workloads.xor.target',
      { workloads: { xor: { engine: {}, target: { metric: 'val_acc' } } } },
      /exactly one of min/,
    ],
    [
      'workload.benchmark.algorithms.fast.momentum',
      { algorithms: { fast: { momentum: 0.9, optimizer: { type: 'sgd' } } } },
      /unknown field; expected one of optimizer, schedule/,
    ],
    [
      'workload.benchmark.algorithms.bad name',
      { algorithms: { 'bad name': { optimizer: {} } } },
      /a name must be 1..64 letters/,
    ],
    ['workload.benchmark.seeds', { seeds: 0 }, /too_small|>=1|at least/i],
  ])('refuse %s in the benchmark', (path, bench, message) => {
    expect(refused(benchmark({}, bench))[path]).toMatch(message);
  });

  it('place an engine error on the algorithm that sets the field, naming the pair', () => {
    const issues = refused(
      benchmark({}, { algorithms: { sgd: { optimizer: { type: 'sgd', lr: -1 } } } }),
    );
    expect(issues['workload.benchmark.algorithms.sgd.optimizer.lr']).toMatch(
      /lr.*\(workload iris, algorithm sgd\)/,
    );
  });

  it("check every workload's target metric and the sweep's metric on its data set", () => {
    const regression = {
      workloads: {
        cars: {
          engine: { dataset: { name: 'cars' } },
          target: { metric: 'val_acc', min: 0.5 },
        },
      },
    };
    const issues = refused(benchmark({ budget: { maxTrials: 6 } }, regression));
    expect(issues['workload.benchmark.workloads.cars.target.metric']).toMatch(
      /unknown metric "val_acc" for cars/,
    );
    expect(issues['metric.name']).toMatch(/\(workload cars\)/);
  });

  it('run every combination exactly once through the sweep loop', async () => {
    const spec = SweepSpec.parse(benchmark({ budget: { maxTrials: 20, maxConcurrentTrials: 20 } }));
    const store = new InMemoryTrialStore();
    const loop = new SweepLoop(spec, {
      store,
      clock: systemClock,
      queue: { enqueue: () => Promise.resolve() },
    });
    await loop.allocate();
    expect(loop.isExhausted).toBe(true);
    const cells = store.trials.map(
      (t) => `${t.params.algorithm}/${t.params.workload}/${t.params.seed}`,
    );
    expect(cells).toHaveLength(12);
    expect(new Set(cells).size).toBe(12);
  });
});
