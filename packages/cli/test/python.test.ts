import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

  it('runs a W&B script with only its import changed, the median rule pruning laggards', async () => {
    const run = await sweepwiseAsync([
      'run',
      'examples/python-wandb.yaml',
      '--in-memory',
      '--json',
      '--set',
      `workload.command.program=${venvPython}`,
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
