import { describe, expect, it } from 'vitest';
import { expandArgsMacro } from '../src/command-args.js';
import { readSweepFile, WandbFileError } from '../src/sweep-file.js';
import { convertWandbSweep, isWandbSweep, WandbSweepError } from '../src/wandb-sweep.js';

const convert = (raw: Record<string, unknown>) => convertWandbSweep(raw, { name: 'from-file' });
const base = {
  program: 'train.py',
  method: 'random',
  metric: { name: 'val_loss' },
  run_cap: 4,
};
const parameter = (spec: Record<string, unknown>) =>
  (convert({ ...base, parameters: { p: spec } }).file.parameters as Record<string, unknown>).p;

function issuesOf(raw: Record<string, unknown>): { path: string; reason: string }[] {
  try {
    convert(raw);
  } catch (err) {
    if (err instanceof WandbSweepError)
      return err.issues.map((i) => ({ path: i.path.join('.'), reason: i.reason }));
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('W&B sweep files', () => {
  it('are recognised by method without our keys', () => {
    expect(isWandbSweep({ method: 'grid', parameters: {} })).toBe(true);
    expect(isWandbSweep({ method: 'grid', algorithm: { type: 'grid' } })).toBe(false);
    expect(isWandbSweep({ name: 'x', workload: {} })).toBe(false);
  });

  it('map the method, the metric with W&B default goal, run_cap and the default command', () => {
    const { file } = convert({
      ...base,
      method: 'bayes',
      parameters: { lr: { min: 0.1, max: 1 } },
    });
    expect(file).toEqual({
      name: 'from-file',
      workload: { command: { program: 'python3', args: ['train.py', '${args}'] } },
      metric: { name: 'val_loss', goal: 'minimize' },
      parameters: { lr: { type: 'float', low: 0.1, high: 1 } },
      algorithm: { type: 'gp' },
      budget: { maxTrials: 4 },
    });
  });

  it('map each bounded distribution as W&B samples it', () => {
    expect(parameter({ value: 3 })).toEqual({ type: 'constant', value: 3 });
    expect(parameter({ values: ['a', 'b'] })).toEqual({ type: 'categorical', choices: ['a', 'b'] });
    // Integer bounds without a distribution are int_uniform, floats uniform (W&B's inference).
    expect(parameter({ min: 1, max: 4 })).toEqual({ type: 'int', low: 1, high: 4 });
    expect(parameter({ min: 0.5, max: 4 })).toEqual({ type: 'float', low: 0.5, high: 4 });
    expect(parameter({ distribution: 'q_uniform', min: 0, max: 1, q: 0.25 })).toEqual({
      type: 'float',
      low: 0,
      high: 1,
      step: 0.25,
    });
    expect(parameter({ distribution: 'q_uniform', min: 2, max: 10, q: 2 })).toEqual({
      type: 'int',
      low: 2,
      high: 10,
      step: 2,
    });
    // log_uniform's bounds are exponents: exp(U(min, max)).
    const log = parameter({ distribution: 'log_uniform', min: -4, max: 0 }) as Record<
      string,
      number
    >;
    expect(log.low).toBeCloseTo(Math.exp(-4), 15);
    expect(log.high).toBe(1);
    // inv_log_uniform is exp(-U(min, max)): values in [e^-max, e^-min].
    const inv = parameter({ distribution: 'inv_log_uniform', min: 1, max: 3 }) as Record<
      string,
      number
    >;
    expect([inv.low, inv.high]).toEqual([Math.exp(-3), Math.exp(-1)]);
    expect(parameter({ distribution: 'log_uniform_values', min: 1e-4, max: 0.1 })).toEqual({
      type: 'float',
      low: 1e-4,
      high: 0.1,
      log: true,
    });
    expect(parameter({ distribution: 'inv_log_uniform_values', min: 1e-4, max: 0.1 })).toEqual({
      type: 'float',
      low: 1e-4,
      high: 0.1,
      log: true,
    });
    expect(parameter({ distribution: 'q_log_uniform_values', min: 8, max: 512, q: 1 })).toEqual({
      type: 'int',
      low: 8,
      high: 512,
      log: true,
    });
  });

  it('flatten nested parameters to dotted names', () => {
    const { file } = convert({
      ...base,
      parameters: {
        optimizer: {
          parameters: { lr: { value: 0.1 }, betas: { parameters: { b1: { value: 0.9 } } } },
        },
      },
    });
    expect(Object.keys(file.parameters as object)).toEqual(['optimizer.lr', 'optimizer.betas.b1']);
  });

  it('enumerate a grid as W&B does, its size the budget when run_cap is absent', () => {
    const { file } = convert({
      program: 'train.py',
      method: 'grid',
      metric: { name: 'acc', goal: 'maximize' },
      parameters: {
        opt: { values: ['sgd', 'adam'] },
        depth: { min: 1, max: 3 },
        wd: { distribution: 'q_uniform', min: 0, max: 0.3, q: 0.1 },
      },
    });
    expect(file.algorithm).toEqual({
      type: 'grid',
      values: { depth: [1, 2, 3], wd: [0, 0.1, 0.2, 0.3] },
    });
    expect(file.budget).toEqual({ maxTrials: 2 * 3 * 4 });
  });

  it("map hyperband's bands to ASHA's rungs, from min_iter or from max_iter and s", () => {
    const stopper = (et: Record<string, unknown>) =>
      convert({ ...base, parameters: { a: { value: 1 } }, early_terminate: et }).file.stopper;
    // W&B's docs: min_iter 3, eta 3 -> bands [3, 9, 27, 81]; max_iter 27, s 2 -> [9, 3].
    expect(stopper({ type: 'hyperband', min_iter: 3 })).toEqual({
      type: 'asha',
      minResource: 3,
      reductionFactor: 3,
    });
    expect(stopper({ type: 'hyperband', max_iter: 27, s: 2 })).toEqual({
      type: 'asha',
      minResource: 3,
      reductionFactor: 3,
      maxResource: 27,
    });
  });

  it('keep the ${args} forms and map the other macros', () => {
    const command = (words: string[]) =>
      (
        convert({ ...base, parameters: { a: { value: 1 } }, command: words }).file.workload as {
          command: unknown;
        }
      ).command;
    expect(command(['${env}', '${interpreter}', '${program}', '${args_no_hyphens}'])).toEqual({
      program: 'python3',
      args: ['train.py', '${args_no_hyphens}'],
    });
    expect(command(['bash', 'run.sh', '--config=${program}', '${args_json}'])).toEqual({
      program: 'bash',
      args: ['run.sh', '--config=train.py', '${args_json}'],
    });
  });

  it('refuse every field with no equivalent, each on its path, and note the labels they drop', () => {
    expect(
      issuesOf({
        method: 'custom',
        metric: { name: 'loss', target: 0.1 },
        parameters: {
          x: { distribution: 'normal', mu: 0, sigma: 1 },
          y: {
            values: [1, 2],
            probabilities: [0.5, 0.5],
            distribution: 'categorical_w_probabilities',
          },
          z: { min: 0, max: 1, scale: 2 },
        },
        command: ['python3', 't.py', '${args_json_file}'],
        scheduler: { engine: 'optuna' },
      }).map((i) => i.path),
    ).toEqual([
      'scheduler',
      'method',
      'metric.target',
      'parameters.x.distribution',
      'parameters.y.distribution',
      'parameters.z.scale',
      'command.2',
      'run_cap',
    ]);
    const { notes } = convert({
      ...base,
      project: 'p',
      entity: 'e',
      parameters: { a: { value: 1 } },
    });
    expect(notes).toEqual([
      'project: labels a W&B sweep; not used here',
      'entity: labels a W&B sweep; not used here',
    ]);
  });

  it('read as sweep files: errors on the W&B line, several at once', () => {
    const text = `program: train.py
method: random
metric:
  name: loss
  target: 0.1
parameters:
  x: { distribution: normal }
run_cap: 3
`;
    let err: unknown;
    try {
      readSweepFile(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WandbFileError);
    expect((err as WandbFileError).all.map((e) => [e.line, e.field])).toEqual([
      [5, 'metric.target'],
      [7, 'parameters.x.distribution'],
    ]);
    const ok = readSweepFile(
      text.replace('  target: 0.1\n', '').replace('distribution: normal', 'min: 0, max: 1'),
      {
        name: 'moons',
      },
    );
    expect(ok.format).toBe('wandb');
    expect(ok.spec.name).toBe('moons');
    // A check of the converted sweep is placed on the W&B field it came from.
    const wide = text
      .replace('  target: 0.1\n', '')
      .replace('distribution: normal', 'min: 5, max: 1');
    expect(() => readSweepFile(wide)).toThrow(
      'line 6, parameters.x: low must be < high, got low=5 high=1',
    );
  });
});

describe('${args} forms', () => {
  it('give one argument per active parameter, the forms of the W&B agent', () => {
    const params = { lr: 0.5, flag: false, name: 'a b' };
    expect(expandArgsMacro('${args}', params)).toEqual(['--lr=0.5', '--flag=false', '--name=a b']);
    expect(expandArgsMacro('${args_no_boolean_flags}', params)).toEqual(['--lr=0.5', '--name=a b']);
    expect(expandArgsMacro('--lr=${lr}', params)).toBeNull();
  });
});
