import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sweepwiseAsync } from './cli.js';

/**
 * The Python package (python/) installed as a user would, into a virtual environment with
 * Debian's setuptools as its build backend (no package index here), then its own unittest suite,
 * and a W&B script with only its import changed tuned as a command sweep.
 */
// Debian's python3 has the venv module and setuptools (scripts/test.sh installs them as root); a
// pyenv python3 earlier on PATH may have neither.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const dir = mkdtempSync(join(tmpdir(), 'sweepwise-python-'));
const venvPython = join(dir, 'venv/bin/python');

beforeAll(() => {
  execFileSync(PYTHON, ['-m', 'venv', '--system-site-packages', join(dir, 'venv')]);
  execFileSync(
    venvPython,
    ['-m', 'pip', 'install', '--quiet', '--no-index', '--no-build-isolation', join(ROOT, 'python')],
    { cwd: dir },
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sweepwise Python package', () => {
  it('installs with pip and passes its unittest suite', () => {
    const where = execFileSync(venvPython, ['-c', 'import sweepwise; print(sweepwise.__file__)'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(where).toContain(join(dir, 'venv'));
    // Throws (failing this test, with unittest's report) unless every test passes.
    execFileSync(venvPython, ['-m', 'unittest', 'discover', '-s', 'tests'], {
      cwd: join(ROOT, 'python'),
      stdio: 'pipe',
    });
  });

  it('runs a command trial that reports through sweepwise.report and stops itself when pruned', async () => {
    // On True the script notes the step it was told at and exits 0 on its own: a process killed
    // by the runner (SIGTERM) would leave no note.
    writeFileSync(
      join(dir, 'report_train.py'),
      `import os, sweepwise
p = sweepwise.params()
for step in range(10):
    if sweepwise.report(step, loss=p["x"] + 1 / (step + 1)):
        with open(os.path.join(${JSON.stringify(dir)}, "stopped-%s" % os.environ["SWEEPWISE_TRIAL_NUMBER"]), "w") as f:
            f.write(str(step))
        break
`,
    );
    const sweepFile = join(dir, 'report.yaml');
    writeFileSync(
      sweepFile,
      [
        'name: python-report',
        `workload: { command: { program: ${venvPython}, args: [${join(dir, 'report_train.py')}] } }`,
        'metric: { name: loss, goal: minimize }',
        'parameters: { x: { type: float, low: 0, high: 1 } }',
        'algorithm: { type: random, seed: 3 }',
        'stopper: { type: median, warmupSteps: 1, minTrials: 2 }',
        // One at a time, so the median is over whole earlier trials (see the W&B test below).
        'budget: { maxTrials: 8, maxConcurrentTrials: 1 }',
        '',
      ].join('\n'),
    );
    const run = await sweepwiseAsync(['run', sweepFile, '--in-memory', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      trials: Array<{ number: number; state: string; step: number | null }>;
    };
    const pruned = result.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    const notes = readdirSync(dir).filter((f) => f.startsWith('stopped-'));
    expect(notes.sort()).toEqual(pruned.map((t) => `stopped-${t.number}`).sort());
    for (const t of pruned)
      expect(readFileSync(join(dir, `stopped-${t.number}`), 'utf8')).toBe(String(t.step));
  });

  it('runs a W&B script with only its import changed, the median rule pruning laggards', async () => {
    const run = await sweepwiseAsync([
      'run',
      'examples/python-wandb.yaml',
      '--in-memory',
      '--json',
      '--set',
      `workload.command.program=${venvPython}`,
      // One trial at a time: the median rule compares a trial with those before it at the same
      // step, and with two at once which ones have reached that step depends on timing (a trial
      // was once pruned at its last epoch that way).
      '--set',
      'budget.maxConcurrentTrials=1',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      trials: Array<{ state: string; steps: number; reason: string | null }>;
    };
    expect(result.trials).toHaveLength(10);
    const pruned = result.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.steps).toBeLessThan(15);
    expect(result.trials.filter((t) => t.state === 'completed').length).toBeGreaterThanOrEqual(3);
  });
});

describe('W&B sweep files, as they are', () => {
  const files = readdirSync(join(ROOT, 'examples/wandb')).filter((f) => f.endsWith('.yaml'));
  // The venv first on PATH, as for a user who activated it: python3 is the one with sweepwise.
  const PATH = `${join(dir, 'venv/bin')}:${process.env.PATH}`;

  it('are ten, covering grid, random, bayes, hyperband, nested parameters and every ${args} form', () => {
    const text = files.map((f) => readFileSync(join(ROOT, 'examples/wandb', f), 'utf8')).join('\n');
    expect(files).toHaveLength(10);
    for (const needle of [
      'method: grid',
      'method: random',
      'method: bayes',
      'min_iter',
      'max_iter',
      'parameters:\n      lr',
      '${args_no_hyphens}',
      '${args_no_boolean_flags}',
      '${args_json}',
    ])
      expect(text).toContain(needle);
  });

  it.each(files)(
    '%s converts and runs in memory, every trial completed or pruned',
    async (file) => {
      const path = `examples/wandb/${file}`;
      const converted = await sweepwiseAsync(['convert', path]);
      expect(converted.code).toBe(0);
      expect(converted.stdout).toContain('workload:');
      // One trial at a time: which trials a stopping rule compares depends on order otherwise.
      const run = await sweepwiseAsync(['run', path, '--in-memory', '--json', '--parallel', '1'], {
        PATH,
      });
      expect(run.stderr).not.toContain('Error');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as { trials: Array<{ state: string; steps: number }> };
      expect(result.trials.length).toBeGreaterThan(0);
      for (const t of result.trials) expect(['completed', 'pruned']).toContain(t.state);
      if (file.startsWith('hyperband'))
        expect(result.trials.filter((t) => t.state === 'pruned').length).toBeGreaterThan(0);
    },
  );

  it('refuses a file with fields that cannot be mapped, each with FILE:LINE and the field', async () => {
    const bad = join(dir, 'bad-wandb.yaml');
    writeFileSync(
      bad,
      'program: t.py\nmethod: random\nmetric: { name: loss, target: 0.1 }\nparameters:\n  x: { distribution: normal }\nrun_cap: 2\n',
    );
    const run = await sweepwiseAsync(['run', bad, '--in-memory']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad}:3: metric.target: ending the sweep`);
    expect(run.stderr).toContain(`${bad}:5: parameters.x.distribution: normal is unbounded`);
    expect(run.stderr).not.toContain('    at ');
  });
});
