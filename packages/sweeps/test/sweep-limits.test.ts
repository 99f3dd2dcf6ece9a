import { ConfigError, MODEL_LIMITS_DEFAULTS } from '@sweepwise/engine';
import { validateSpace } from '@sweepwise/tuner';
import { describe, expect, it } from 'vitest';
import type { SweepSpecInput } from '../src/spec.js';
import { SweepSpec, sweepSpecWithin } from '../src/sweep-spec.js';
import { parseSweepFile, SweepFileError } from '../src/sweep-file.js';
import { checkLargestModel, largestModelConfig } from '../src/sweep-limits.js';

const body = (patch: Partial<SweepSpecInput> = {}): SweepSpecInput => ({
  name: 'limits',
  workload: { engine: { dataset: { name: 'mnist' }, epochs: 3 } },
  metric: { name: 'val_acc', goal: 'maximize' },
  parameters: { 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1, log: true } },
  algorithm: { type: 'random', seed: 1 },
  budget: { maxTrials: 2 },
  ...patch,
});

function firstIssue(input: unknown): { path: string; message: string } {
  const result = SweepSpec.safeParse(input);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0];
  return { path: issue.path.join('.'), message: issue.message };
}

describe('model limits at sweep creation', () => {
  it('refuses a 2-GB model, naming the field and the bound', () => {
    const engine = { dataset: { name: 'mnist' }, model: { hidden: [16_384, 16_384, 16_384] } };
    const issue = firstIssue(body({ workload: { engine } }));
    expect(issue.path).toBe('workload.engine.model.layers');
    expect(issue.message).toMatch(
      /^model\.layers must give a model of <= 50000000 parameters \(SWEEPWISE_MAX_MODEL_PARAMS\), got 549928970 \(2\.20 GB of float32 weights\)/,
    );
  });

  it('refuses a space whose largest model is too big, though its sample is small', () => {
    const space = {
      'model.hidden.0': { type: 'int', low: 8, high: 65_536, log: true },
      'model.hidden.1': { type: 'categorical', choices: [16, 32_768] },
    };
    const issue = firstIssue(body({ parameters: space }));
    expect(issue.path).toBe('workload.engine.model.layers');
    expect(issue.message).toContain(
      'the largest the space allows: model.hidden.0 = 65536, model.hidden.1 = 32768',
    );
  });

  it('checks against the limits it is built with (a server passes its own)', () => {
    const engine = { dataset: { name: 'mnist' }, model: { hidden: [16_384, 16_384, 16_384] } };
    const raised = sweepSpecWithin({ maxParams: 1e9, maxTrainingBytes: 2 ** 40 });
    expect(raised.safeParse(body({ workload: { engine } })).success).toBe(true);
  });

  it('accepts a space whose largest model fits', () => {
    const space = { 'model.hidden.0': { type: 'int', low: 4, high: 512 } };
    expect(SweepSpec.safeParse(body({ parameters: space })).success).toBe(true);
  });

  it('takes the top of each size and the costliest of each other choice', () => {
    const config = largestModelConfig(
      { dataset: { name: 'iris' }, model: { hidden: [8] } },
      validateSpace({
        'model.hidden.0': { type: 'int', low: 4, high: 100, step: 8 },
        'model.batchNorm': { type: 'categorical', choices: [false, true] },
        'optimizer.type': { type: 'categorical', choices: ['sgd', 'amsgrad', 'adam'] },
        batchSize: { type: 'categorical', choices: [8, 64, 32] },
        'optimizer.lr': { type: 'float', low: 0.001, high: 0.1 },
      }),
      { 'model.hidden.0': 12, 'optimizer.lr': 0.01 },
    );
    expect(config.model.layers[0]).toMatchObject({ dense: 100 - ((100 - 4) % 8) });
    expect(config.model.batchNorm).toBe(true);
    expect(config.optimizer.type).toBe('amsgrad');
    expect(config.batchSize).toBe(64);
    expect(config.optimizer.lr).toBe(0.01); // not a size: the sample's value
  });

  it('takes the limits it is given', () => {
    const engine = { dataset: { name: 'iris' }, model: { hidden: [64] } };
    const space = validateSpace({ 'optimizer.lr': { type: 'float', low: 0.001, high: 0.1 } });
    const sample = { 'optimizer.lr': 0.01 };
    expect(() => checkLargestModel(engine, space, sample, MODEL_LIMITS_DEFAULTS)).not.toThrow();
    let err: unknown;
    try {
      checkLargestModel(engine, space, sample, { ...MODEL_LIMITS_DEFAULTS, maxParams: 100 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/<= 100 parameters .* got 515/);
  });
});

describe('budget and command bounds', () => {
  it.each([
    [{ budget: { maxTrials: 1e12 } }, 'budget.maxTrials'],
    [{ budget: { maxTrials: 2, maxConcurrentTrials: 1e6 } }, 'budget.maxConcurrentTrials'],
    [{ budget: { maxTrials: 2, maxWallTimeS: 1e15 } }, 'budget.maxWallTimeS'],
    [{ workload: { command: { program: 'p'.repeat(5000) } } }, 'workload.command.program'],
    [
      { workload: { command: { program: 'p', args: Array(1001).fill('a') } } },
      'workload.command.args',
    ],
    [
      { workload: { command: { program: 'p', args: ['a'.repeat(10_001)] } } },
      'workload.command.args.0',
    ],
    [
      {
        workload: {
          command: {
            program: 'p',
            env: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, 'x'])),
          },
        },
      },
      'workload.command.env',
    ],
    [{ workload: { command: { program: 'p', timeoutS: 1e9 } } }, 'workload.command.timeoutS'],
    [{ metric: { name: 'm'.repeat(201), goal: 'minimize' } }, 'metric.name'],
  ] as [Partial<SweepSpecInput>, string][])('refuses %j at %s', (patch, path) => {
    expect(firstIssue(body(patch)).path).toBe(path);
  });
});

describe('sweep file limits', () => {
  const refusal = (text: string): SweepFileError => {
    try {
      parseSweepFile(text);
    } catch (err) {
      expect(err).toBeInstanceOf(SweepFileError);
      return err as SweepFileError;
    }
    throw new Error('accepted');
  };

  it('refuses a file over the size limit before parsing it', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i}: [1, 2]`).join('\n');
    expect(refusal(text).message).toBe(`the file must be <= 65536 characters, got ${text.length}`);
  });

  it('refuses nesting past 32 levels, flow or block, on its line', () => {
    const flow = refusal(`name: x\nspace: ${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(flow.line).toBe(2);
    expect(flow.reason).toBe('nested deeper than 32 levels');
    const block = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(refusal(block).line).toBe(33);
    const items = `a:\n${'- '.repeat(40)}x`;
    expect(refusal(items).line).toBe(2);
    // Brackets in quotes and comments do not count.
    const quoted = `name: "${'['.repeat(40)}" # ${'{'.repeat(40)}\n`;
    expect(refusal(quoted).reason).not.toContain('nested');
  });
});
