import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  codeDir,
  CommandTrialError,
  fillPlaceholders,
  paramEnvName,
  parseReportLine,
  runCommandTrial,
  type CommandTrialOptions,
} from '../src/command/command-trial.js';

const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'command-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** Prints a quadratic loss per step, as a training script would. */
const TRAIN = script(
  'train.py',
  `import json, os, sys, time
lr = float(sys.argv[2])
steps = int(os.environ["SWEEPWISE_PARAM_STEPS"])
print("starting", flush=True)
for step in range(1, steps + 1):
    print(json.dumps({"step": step, "val_loss": (lr - 0.1) ** 2 + 1.0 / step}), flush=True)
    time.sleep(0.02)
`,
);

function options(overrides: Partial<CommandTrialOptions>): CommandTrialOptions {
  return {
    program: PYTHON,
    args: [TRAIN, '--lr', '${lr}'],
    params: { lr: 0.3, steps: 5 },
    trialId: 'trial-1',
    onReport: () => 'continue',
    ...overrides,
  };
}

describe('command trials', () => {
  it('fills placeholders, passes parameters as environment and reads every report', async () => {
    const seen: Array<[number, Record<string, number>]> = [];
    const result = await runCommandTrial(
      options({
        onReport: (step, metrics) => {
          seen.push([step, metrics]);
          return 'continue';
        },
      }),
    );
    expect(result.status).toBe('completed');
    expect(result.exitCode).toBe(0);
    expect(seen.map(([s]) => s)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0][1].val_loss).toBeCloseTo(0.04 + 1, 12);
    expect(result.lastStep).toBe(5);
    expect(result.lastMetrics.val_loss).toBeCloseTo(0.04 + 0.2, 12);
  });

  it('gives the trial identity and all parameters to the program', async () => {
    const out = join(dir, 'env.json');
    const dump = script(
      'env.py',
      `import json, os, sys
keys = [k for k in os.environ if k.startswith("SWEEPWISE_")]
json.dump({k: os.environ[k] for k in keys} | {"argv": sys.argv[1:]}, open(sys.argv[1], "w"))
`,
    );
    const result = await runCommandTrial(
      options({
        args: [dump, out, '--model=${model.kind}', '${lr}'],
        env: { RUN_NAME: 'run-${model.kind}' },
        params: { lr: 0.001, 'model.kind': 'mlp' },
        trialNumber: 4,
        sweepId: 'sweep-9',
      }),
    );
    expect(result.status).toBe('completed');
    const env = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(env).toMatchObject({
      argv: [out, '--model=mlp', '0.001'],
      SWEEPWISE_PARAM_LR: '0.001',
      SWEEPWISE_PARAM_MODEL_KIND: 'mlp',
      SWEEPWISE_TRIAL_ID: 'trial-1',
      SWEEPWISE_TRIAL_NUMBER: '4',
      SWEEPWISE_SWEEP_ID: 'sweep-9',
      SWEEPWISE_PARAMS: JSON.stringify({ lr: 0.001, 'model.kind': 'mlp' }),
    });
  });

  it('expands each ${args} form into one argument per active parameter, as the W&B agent does', async () => {
    const out = join(dir, 'args.json');
    const dump = script(
      'argv.py',
      `import json, sys
json.dump(sys.argv[2:], open(sys.argv[1], "w"))
`,
    );
    // A conditional space: momentum is inactive in this trial, so it is not in params at all.
    const params = { lr: 0.01, optimizer: 'adam', nesterov: true, 'model.depth': 2 };
    const argv = async (macro: string) => {
      const result = await runCommandTrial(options({ args: [dump, out, macro], params }));
      expect(result.status).toBe('completed');
      return JSON.parse(readFileSync(out, 'utf8')) as string[];
    };
    expect(await argv('${args}')).toEqual([
      '--lr=0.01',
      '--optimizer=adam',
      '--nesterov=true',
      '--model.depth=2',
    ]);
    expect(await argv('${args_no_hyphens}')).toEqual([
      'lr=0.01',
      'optimizer=adam',
      'nesterov=true',
      'model.depth=2',
    ]);
    expect(await argv('${args_no_boolean_flags}')).toEqual([
      '--lr=0.01',
      '--optimizer=adam',
      '--nesterov',
      '--model.depth=2',
    ]);
    expect(JSON.parse((await argv('${args_json}'))[0])).toEqual(params);
  });

  it('gives the child an allow-listed environment: none of the worker settings, the secret value', async () => {
    const out = join(dir, 'all-env.json');
    const dump = script(
      'all-env.py',
      `import json, os, sys
json.dump(dict(os.environ), open(sys.argv[1], "w"))
`,
    );
    const worker = {
      DATABASE_URL: 'postgresql://worker:pw@db/sweepwise',
      REDIS_URL: 'redis://:pw@redis:6379',
      SWEEPWISE_API_TOKEN: 'worker-token-0123456789',
      AWS_SECRET_ACCESS_KEY: 'aws',
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
    };
    const saved = Object.fromEntries(Object.keys(worker).map((k) => [k, process.env[k]]));
    Object.assign(process.env, worker);
    try {
      const result = await runCommandTrial(
        options({
          args: [dump, out],
          env: { WANDB_PROJECT: 'p-${lr}', WANDB_API_KEY: { value: 'k-123', secret: true } },
        }),
      );
      expect(result.status).toBe('completed');
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    const env = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'SWEEPWISE_API_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
    ])
      expect(env).not.toHaveProperty(name);
    expect(env).toMatchObject({
      PATH: process.env.PATH,
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
      WANDB_PROJECT: 'p-0.3',
      WANDB_API_KEY: 'k-123',
      SWEEPWISE_TRIAL_ID: 'trial-1',
    });
  });

  it('stops the process when the rule says stop, even one that ignores SIGTERM', async () => {
    const stubborn = script(
      'stubborn.py',
      `import json, signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
step = 0
while True:
    step += 1
    print(json.dumps({"step": step, "val_loss": 1.0}), flush=True)
    time.sleep(0.01)
`,
    );
    const result = await runCommandTrial(
      options({
        args: [stubborn],
        killGraceMs: 200,
        onReport: (step) => (step >= 3 ? 'stop' : 'continue'),
      }),
    );
    expect(result.status).toBe('stopped');
    expect(result.reason).toBe('stopped by the stopping rule at step 3');
    expect(result.exitCode).toBeNull();
  });

  it('answers each report on the stdin of a child that listens, which then stops itself', async () => {
    const heard = join(dir, 'heard.txt');
    const listener = script(
      'listener.py',
      `import json, sys
print('{"sweepwise": "listen"}', flush=True)
heard = []
for step in range(1, 100):
    print(json.dumps({"step": step, "val_loss": 1.0 / step}), flush=True)
    heard.append(sys.stdin.readline().strip())
    if heard[-1].startswith("stop"):
        break
open(sys.argv[1], "w").write("\\n".join(heard))
`,
    );
    const result = await runCommandTrial(
      options({
        args: [listener, heard],
        onReport: (step) => (step >= 3 ? 'stop' : 'continue'),
      }),
    );
    expect(result.status).toBe('stopped');
    expect(result.reason).toBe('stopped by the stopping rule at step 3');
    // It exited on its own (0), not by a signal.
    expect(result.exitCode).toBe(0);
    expect(readFileSync(heard, 'utf8').split('\n')).toEqual(['continue 1', 'continue 2', 'stop 3']);
  });

  it('still kills a child that listens but does not stop, after the grace', async () => {
    const deaf = script(
      'deaf.py',
      `import json, signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print('{"sweepwise": "listen"}', flush=True)
step = 0
while True:
    step += 1
    print(json.dumps({"step": step, "val_loss": 1.0}), flush=True)
    time.sleep(0.01)
`,
    );
    const result = await runCommandTrial(
      options({
        args: [deaf],
        killGraceMs: 200,
        onReport: (step) => (step >= 2 ? 'stop' : 'continue'),
      }),
    );
    expect(result.status).toBe('stopped');
    expect(result.lastStep).toBe(2);
    expect(result.exitCode).toBeNull();
  });

  it('counts only the reports up to a stop, however fast the program prints', async () => {
    const burst = script(
      'burst.py',
      `import json
for step in range(1, 201):
    print(json.dumps({"step": step, "val_loss": 1.0 / step}))
`,
    );
    const result = await runCommandTrial(
      options({ args: [burst], onReport: (step) => (step >= 4 ? 'stop' : 'continue') }),
    );
    expect(result.reports).toBe(4);
    expect(result.lastStep).toBe(4);
    expect(result.lastMetrics.val_loss).toBe(0.25);
  });

  it('runs the command in the code directory, so relative script paths resolve there', async () => {
    script(
      'relative.py',
      'import json, os\nprint(json.dumps({"step": 1, "here": len(os.getcwd())}))\n',
    );
    const cwd = codeDir({ SWEEPWISE_CODE_DIR: dir });
    expect(cwd).toBe(dir);
    const r = await runCommandTrial(options({ args: ['relative.py'], cwd }));
    expect(r.status).toBe('completed');
    expect(r.lastMetrics.here).toBe(dir.length);
    expect(codeDir({})).toBe(process.cwd());
  });

  it('fails a trial that exits non-zero, keeping the last lines of stderr', async () => {
    const crash = script(
      'crash.py',
      `import sys
for i in range(30):
    print(f"log line {i}", file=sys.stderr)
raise SystemExit("CUDA out of memory")
`,
    );
    const result = await runCommandTrial(options({ args: [crash] }));
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.stderrTail).toHaveLength(20);
    expect(result.stderrTail.at(-1)).toBe('CUDA out of memory');
    expect(result.reason).toBe('exited with code 1: CUDA out of memory');
  });

  it('fails a program that does not exist with the reason', async () => {
    const result = await runCommandTrial(options({ program: join(dir, 'missing'), args: [] }));
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('ENOENT');
  });

  it('ends a trial at its time limit', async () => {
    const sleeper = script('sleep.py', 'import time\ntime.sleep(30)\n');
    const result = await runCommandTrial(options({ args: [sleeper], timeoutS: 0.3 }));
    expect(result.status).toBe('timeout');
    expect(result.reason).toBe('time limit of 0.3 s reached');
  });

  it('cancels a running trial when its signal aborts', async () => {
    const sleeper = script('sleep2.py', 'import time\ntime.sleep(30)\n');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runCommandTrial(options({ args: [sleeper], signal: controller.signal }));
    expect(result.status).toBe('cancelled');
  });

  it('fails the trial when the report handler throws', async () => {
    const result = await runCommandTrial(
      options({
        onReport: () => {
          throw new Error('database down');
        },
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('report handler failed: database down');
  });
});

describe('command trial helpers', () => {
  it('refuses a placeholder that names no parameter, naming the field', () => {
    expect(() => fillPlaceholders('--m=${momentum}', { lr: 1 }, 'args[2]')).toThrow(
      new CommandTrialError('args[2]: ${momentum} names no parameter of this trial (it has lr)'),
    );
  });

  it('refuses ${args} inside a longer argument: it stands for several', () => {
    expect(() => fillPlaceholders('--all ${args}', { lr: 1 }, 'args[1]')).toThrow(
      new CommandTrialError('args[1]: ${args} must be an argument of its own'),
    );
  });

  it('names environment variables after parameters', () => {
    expect(paramEnvName('optimizer.lr')).toBe('SWEEPWISE_PARAM_OPTIMIZER_LR');
  });

  it('reads metrics lines and ignores other output', () => {
    expect(parseReportLine('{"step": 3, "val_loss": 0.41}', null)).toEqual({
      step: 3,
      metrics: { val_loss: 0.41 },
    });
    expect(parseReportLine('{"val_acc": 0.9}', 3)).toEqual({ step: 4, metrics: { val_acc: 0.9 } });
    expect(parseReportLine('{"epoch": 2, "loss": "NaN"}', null)?.metrics.loss).toBeNaN();
    expect(parseReportLine('epoch 3 done', null)).toBeNull();
    expect(parseReportLine('{"step": 1, "note": "hi"}', null)).toBeNull();
    expect(parseReportLine('{not json', null)).toBeNull();
  });
});
