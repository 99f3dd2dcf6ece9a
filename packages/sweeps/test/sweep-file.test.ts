import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweepFile, readSweepFile, SweepFileError, toSweepFile } from '../src/sweep-file.js';

const ENGINE_FILE = `name: iris-random
workload:
  engine:
    dataset:
      name: iris
    epochs: 20
    model:
      hidden: [16]
metric: { name: val_acc, goal: maximize }
parameters:
  optimizer.lr: { type: float, low: 0.0001, high: 0.1, log: true }
  optimizer.type: { type: categorical, choices: [sgd, adam] }
  optimizer.momentum: { type: float, low: 0, high: 0.99, when: { optimizer.type: [sgd] } }
algorithm: { type: random, seed: 7 }
stopper: { type: median, warmupSteps: 2, minTrials: 3 }
budget:
  maxTrials: 20
  maxConcurrentTrials: 2
  maxWallTimeS: 600
`;

const COMMAND_FILE = `name: python-script
workload:
  command:
    program: python3
    args: [ train.py, --lr, "\${lr}", --layers, "\${layers}" ]
    env:
      PYTHONUNBUFFERED: "1"
    timeoutS: 120
metric: { name: val_loss, goal: minimize }
parameters:
  lr: { type: float, low: 0.001, high: 1, log: true }
  layers: { type: int, low: 1, high: 4 }
algorithm: { type: random, seed: 1 }
budget:
  maxTrials: 8
  maxConcurrentTrials: 2
`;

function errorOf(text: string): SweepFileError {
  try {
    parseSweepFile(text);
  } catch (err) {
    if (err instanceof SweepFileError) return err;
    throw err;
  }
  throw new Error('expected the file to be rejected');
}

describe('sweep files', () => {
  it('maps an engine file onto the create-sweep body', () => {
    const body = parseSweepFile(ENGINE_FILE);
    expect(body).toEqual({
      name: 'iris-random',
      workload: { engine: { dataset: { name: 'iris' }, epochs: 20, model: { hidden: [16] } } },
      metric: { name: 'val_acc', goal: 'maximize' },
      parameters: {
        'optimizer.lr': { type: 'float', low: 0.0001, high: 0.1, log: true },
        'optimizer.type': { type: 'categorical', choices: ['sgd', 'adam'] },
        'optimizer.momentum': {
          type: 'float',
          low: 0,
          high: 0.99,
          when: { 'optimizer.type': ['sgd'] },
        },
      },
      algorithm: { type: 'random', seed: 7 },
      stopper: { type: 'median', warmupSteps: 2, minTrials: 3 },
      budget: { maxTrials: 20, maxConcurrentTrials: 2, maxWallTimeS: 600 },
    });
  });

  it('maps a command file, keeping placeholders and defaulting what is optional', () => {
    const body = parseSweepFile(COMMAND_FILE);
    expect(body.workload).toEqual({
      command: {
        program: 'python3',
        args: ['train.py', '--lr', '${lr}', '--layers', '${layers}'],
        env: { PYTHONUNBUFFERED: '1' },
        timeoutS: 120,
      },
    });
    expect(body.stopper).toBeNull();
    expect(body.budget.maxWallTimeS).toBeNull();
  });

  it.each([
    ['engine', ENGINE_FILE],
    ['command', COMMAND_FILE],
  ])('round-trips a %s file: file -> sweep -> file gives the same content', (_, text) => {
    const body = parseSweepFile(text);
    const exported = toSweepFile(body);
    expect(parseSweepFile(exported)).toEqual(body);
    expect(toSweepFile(parseSweepFile(exported))).toBe(exported);
  });

  it('round-trips a builtin objective', () => {
    const text = ENGINE_FILE.replace(
      /workload:[\s\S]*?metric:/,
      'workload:\n  builtin:\n    objective: branin\n    steps: 5\nmetric:',
    );
    const body = parseSweepFile(text);
    expect(body.workload).toEqual({ builtin: { objective: 'branin', steps: 5, stepSeconds: 0 } });
    expect(parseSweepFile(toSweepFile(body))).toEqual(body);
  });

  it('round-trips objectives and constraints, one line each', () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../../examples/mnist-pareto.yaml'),
      'utf8',
    );
    const body = parseSweepFile(text);
    expect(body.metrics).toHaveLength(2);
    const file = toSweepFile(body);
    expect(file).toContain(
      'metrics:\n  - { name: val_acc, goal: maximize }\n  - { name: param_count, goal: minimize }\n',
    );
    expect(file).toContain('constraints:\n  - { metric: latency_ms, max: 0.1 }\n');
    expect(parseSweepFile(file)).toEqual(body);
    // A one-objective export stays the shorthand.
    expect(toSweepFile(parseSweepFile(ENGINE_FILE))).not.toMatch(/metrics:|constraints:/);
  });

  it('reads an empty stopper as none', () => {
    const text = ENGINE_FILE.replace(/stopper:.*\n/, 'stopper: null\n');
    expect(parseSweepFile(text).stopper).toBeNull();
  });

  it('writes the canonical form it reads, key for key', () => {
    expect(toSweepFile(parseSweepFile(COMMAND_FILE))).toBe(COMMAND_FILE);
  });

  it('fills defaults when exporting, so the export is complete', () => {
    const minimal = COMMAND_FILE.replace('  maxConcurrentTrials: 2\n', '');
    expect(toSweepFile(parseSweepFile(minimal))).toContain('maxConcurrentTrials: 2');
  });

  it.each([
    {
      what: 'a wrong goal',
      edit: (t: string) => t.replace('goal: maximize', 'goal: maximise'),
      line: 9,
      field: 'metric.goal',
      reason: 'must be one of minimize, maximize, got "maximise"',
    },
    {
      what: 'a zero trial budget',
      edit: (t: string) => t.replace('maxTrials: 20', 'maxTrials: 0'),
      line: 17,
      field: 'budget.maxTrials',
      reason: 'Too small: expected number to be >=1',
    },
    {
      what: 'a misspelt section',
      edit: (t: string) => t.replace('stopper:', 'stoper:'),
      line: 15,
      field: 'stoper',
      reason: 'unknown field; expected one of name, workload',
    },
    {
      what: 'a parameter without a type',
      edit: (t: string) => t.replace('{ type: categorical, choices', '{ choices'),
      line: 12,
      field: 'parameters."optimizer.type"',
      reason: 'type must be one of float, int, categorical, constant, got undefined',
    },
    {
      what: 'a missing metric name',
      edit: (t: string) => t.replace('name: val_acc, ', ''),
      line: 9,
      field: 'metric.name',
      reason: 'is required',
    },
    {
      what: 'a missing budget',
      edit: (t: string) => t.replace(/budget:[\s\S]*$/, ''),
      line: 1,
      field: 'budget',
      reason: 'is required',
    },
    {
      what: 'two workloads',
      edit: (t: string) => t.replace('workload:\n', 'workload:\n  command: { program: x }\n'),
      line: 2,
      field: 'workload',
      reason: 'must have exactly one of engine, command, builtin or external',
    },
    {
      what: 'a trial budget under its old name',
      edit: (t: string) => t.replace('maxTrials: 20', 'max_trials: 20'),
      line: 17,
      field: 'budget.max_trials',
      reason: 'max_trials is now budget.maxTrials',
    },
    {
      what: 'early stopping under its old name',
      edit: (t: string) => t.replace('stopper:', 'early_stopping:'),
      line: 15,
      field: 'early_stopping',
      reason: 'early_stopping is now stopper',
    },
    {
      what: 'a command timeout under its old name',
      edit: () => COMMAND_FILE.replace('timeoutS: 120', 'timeout: 120'),
      line: 8,
      field: 'workload.command.timeout',
      reason: 'timeout is now workload.command.timeoutS',
    },
    {
      what: 'a fractional seed',
      edit: (t: string) => t.replace('seed: 7', 'seed: 1.5'),
      line: 14,
      field: 'algorithm.seed',
      reason: 'Invalid input: expected int, received number',
    },
    {
      what: 'an empty range (checked by the tuner)',
      edit: (t: string) => t.replace('low: 0.0001, high: 0.1', 'low: 0.1, high: 0.0001'),
      line: 11,
      field: 'parameters."optimizer.lr"',
      reason: 'low must be < high, got low=0.1 high=0.0001',
    },
    {
      what: 'an unknown sampler (checked by the API schema)',
      edit: (t: string) => t.replace('type: random', 'type: annealing'),
      line: 14,
      field: 'algorithm.type',
      reason: 'must be one of grid, random',
    },
    {
      what: 'a parameter named twice',
      edit: (t: string) =>
        t.replace(
          '  optimizer.type:',
          '  optimizer.lr: { type: float, low: 0, high: 1 }\n  optimizer.type:',
        ),
      line: 12,
      field: '',
      reason: 'Map keys must be unique',
    },
    {
      what: 'a broken indentation',
      edit: (t: string) => t.replace('    epochs: 20', '  epochs: 20\n     oops: [1'),
      line: 6,
      field: '',
      reason: 'invalid YAML',
    },
  ])('rejects $what with the line and the field', ({ edit, line, field, reason }) => {
    const err = errorOf(edit(ENGINE_FILE));
    expect(err.field).toBe(field);
    expect(err.line).toBe(line);
    expect(err.reason).toContain(reason);
    expect(err.message).toMatch(new RegExp(`^line ${line}, `));
  });

  it('places a later error about a field on its line in the file', () => {
    const parsed = readSweepFile(ENGINE_FILE);
    const err = parsed.errorAt(['parameters', 'optimizer.momentum', 'high'], 'must be < 1');
    expect(err.line).toBe(13);
    expect(err.field).toBe('parameters."optimizer.momentum".high');
    expect(parsed.errorAt(['budget', 'maxWallTimeS'], 'too long').line).toBe(19);
  });
});
