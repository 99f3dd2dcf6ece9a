import { describe, expect, it } from 'vitest';
import { redactWorkload } from '../src/command-env.js';
import type { SweepSpecInput } from '../src/spec.js';
import { parseSweepFile, toSweepFile } from '../src/sweep-file.js';
import { SweepSpec } from '../src/sweep-spec.js';
import { sweepSpecOf } from '../src/stored-sweep.js';

const body = (env: unknown): SweepSpecInput =>
  ({
    name: 'env',
    workload: { command: { program: 'python3', args: ['train.py'], env } },
    metric: { name: 'loss', goal: 'minimize' },
    parameters: { lr: { type: 'float', low: 0.001, high: 0.1 } },
    algorithm: { type: 'random', seed: 1 },
    budget: { maxTrials: 2 },
  }) as SweepSpecInput;

function issues(input: unknown): { path: string; message: string }[] {
  const result = SweepSpec.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('a command sweep env', () => {
  it.each([
    'LD_PRELOAD',
    'LD_LIBRARY_PATH',
    'DYLD_INSERT_LIBRARIES',
    'NODE_OPTIONS',
    'PYTHONSTARTUP',
    'PYTHONPATH',
    'PERL5OPT',
    'RUBYOPT',
    'BASH_ENV',
    'ENV',
    'BASH_FUNC_ls%%',
    'JAVA_TOOL_OPTIONS',
    '_JAVA_OPTIONS',
    'PATH',
  ])('refuses %s, naming the variable', (name) => {
    const [issue] = issues(body({ WANDB_PROJECT: 'demo', [name]: '/tmp/x.so' }));
    expect(issue.path).toBe(`workload.command.env.${name}`);
    expect(issue.message).toMatch(/cannot set it|must be a variable name/);
  });

  it('refuses a name that is no variable name', () => {
    expect(issues(body({ 'A=B': 'x' }))[0]).toEqual({
      path: 'workload.command.env.A=B',
      message: 'must be a variable name: letters, digits and _, not starting with a digit',
    });
  });

  it('takes plain and secret values, and refuses a secret without its value', () => {
    const ok = SweepSpec.parse(
      body({ WANDB_PROJECT: 'demo', WANDB_API_KEY: { value: 'k-123', secret: true } }),
    );
    expect('command' in ok.workload && ok.workload.command.env).toEqual({
      WANDB_PROJECT: 'demo',
      WANDB_API_KEY: { value: 'k-123', secret: true },
    });
    const [issue] = issues(body({ WANDB_API_KEY: { secret: true } }));
    expect(issue.path).toMatch(/^workload\.command\.env\.WANDB_API_KEY/);
    expect(issue.message).toMatch(/exports leave secret values out/);
  });
});

describe('secret values in reads and exports', () => {
  const created = SweepSpec.parse(
    body({ WANDB_PROJECT: 'demo', WANDB_API_KEY: { value: 'k-123', secret: true } }),
  );
  const stored = { spec: created };

  it('leaves the secret value out of the workload as read', () => {
    const shown = JSON.stringify(redactWorkload(created.workload));
    expect(shown).not.toContain('k-123');
    expect(redactWorkload(created.workload)).toEqual({
      command: {
        program: 'python3',
        args: ['train.py'],
        env: { WANDB_PROJECT: 'demo', WANDB_API_KEY: { secret: true } },
        timeoutS: null,
      },
    });
    expect(redactWorkload({ engine: { epochs: 1 } })).toEqual({ engine: { epochs: 1 } });
  });

  it('exports without the value; a file made from the export must give it again', () => {
    const file = toSweepFile(sweepSpecOf(stored));
    expect(file).not.toContain('k-123');
    expect(file).toMatch(/WANDB_API_KEY: \{ secret: true \}|WANDB_API_KEY:\n\s+secret: true/);
    expect(() => parseSweepFile(file)).toThrow(
      /workload\.command\.env\.WANDB_API_KEY\.value: is required \(exports leave secret values out/,
    );
  });

  it('keeps the value for a clone, and a file with the value round-trips', () => {
    const kept = sweepSpecOf(stored, { secrets: 'keep' });
    expect(kept.workload).toMatchObject({
      command: { env: { WANDB_API_KEY: { value: 'k-123', secret: true } } },
    });
    expect(parseSweepFile(toSweepFile(kept))).toEqual(kept);
  });
});
