import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkTrialCount, parseSweepFile } from '@sweepwise/sweeps';
import type { SweepRunResult } from '../src/in-memory/run-sweep.js';
import { ROOT, sweepwise } from './cli.js';

const ALL_EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));
const algorithmOf = (file: string) =>
  parseSweepFile(readFileSync(join(ROOT, 'examples', file), 'utf8')).algorithm.type;
// Population-based training runs below with its own budget (its members exploit at epoch 3).
// The W&B example needs the Python package installed: python.test.ts runs it in a venv. The
// PyTorch one needs torch, which these machines cannot install: below, it says so.
const NEEDS_PACKAGES = ['python-wandb.yaml', 'pytorch-mnist.yaml'];
const EXAMPLES = ALL_EXAMPLES.filter(
  (f) => algorithmOf(f) !== 'pbt' && !NEEDS_PACKAGES.includes(f),
);

/**
 * A tiny budget: two trials of two epochs on at most 300 samples; a benchmark's every algorithm and
 * workload with one seed.
 */
function tinyBudget(file: string): { sets: string[]; trials: number } {
  const body = parseSweepFile(readFileSync(join(ROOT, 'examples', file), 'utf8'));
  if ('engine' in body.workload && body.workload.benchmark) {
    const b = body.workload.benchmark;
    const trials = benchmarkTrialCount({ ...b, seeds: 1 });
    const sets = ['workload.benchmark.seeds=1', `budget.maxTrials=${trials}`];
    for (const [name, w] of Object.entries(b.workloads)) {
      sets.push(`workload.benchmark.workloads.${name}.engine.epochs=2`);
      if ((w.engine.dataset as { name?: string }).name === 'mnist')
        sets.push(`workload.benchmark.workloads.${name}.engine.dataset.n=300`);
    }
    return { sets: sets.flatMap((s) => ['--set', s]), trials };
  }
  const sets = ['budget.maxTrials=2'];
  if ('engine' in body.workload) {
    sets.push('workload.engine.epochs=2');
    const dataset = body.workload.engine.dataset as { name?: string; n?: number };
    if (dataset.name === 'mnist') sets.push('workload.engine.dataset.n=300');
  }
  return { sets: sets.flatMap((s) => ['--set', s]), trials: 2 };
}

describe('every example runs in memory', () => {
  it('has examples for every algorithm and both external languages', () => {
    const bodies = ALL_EXAMPLES.map((f) =>
      parseSweepFile(readFileSync(join(ROOT, 'examples', f), 'utf8')),
    );
    const algorithms = new Set(bodies.map((b) => b.algorithm.type));
    for (const type of ['grid', 'random', 'sobol', 'gp', 'evolution', 'cmaes', 'pbt'])
      expect(algorithms).toContain(type);
    const programs = bodies.flatMap((b) =>
      'command' in b.workload ? [b.workload.command.program] : [],
    );
    expect(programs).toEqual(expect.arrayContaining(['python3', 'node']));
  });

  it('runs the pbt example in memory, its whole population to the last epoch', () => {
    const pbt = ALL_EXAMPLES.find((f) => algorithmOf(f) === 'pbt')!;
    const run = sweepwise(['run', `examples/${pbt}`, '--in-memory', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as SweepRunResult;
    expect(result.trials.map((t) => [t.number, t.state, t.steps])).toEqual([
      [0, 'completed', 12],
      [1, 'completed', 12],
      [2, 'completed', 12],
      [3, 'completed', 12],
    ]);
  });

  it('pytorch_mnist.py says what to install, and exits non-zero, when torch is missing', () => {
    // torch made unimportable, whether or not this machine has it.
    const run = spawnSync(
      'python3',
      [
        '-c',
        "import sys; sys.modules['torch'] = None; sys.argv = ['pytorch_mnist.py']; " +
          "exec(open('examples/python/pytorch_mnist.py').read())",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('pytorch_mnist.py needs PyTorch and torchvision');
    expect(run.stderr).toContain('pip install torch torchvision');
  });

  it.each(EXAMPLES)('%s', (file) => {
    const tiny = tinyBudget(file);
    const run = sweepwise(['run', `examples/${file}`, '--in-memory', '--json', ...tiny.sets]);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as SweepRunResult;
    expect(result.trials).toHaveLength(tiny.trials);
    for (const t of result.trials) expect(['completed', 'pruned']).toContain(t.state);
    const { constraints } = parseSweepFile(readFileSync(join(ROOT, 'examples', file), 'utf8'));
    // Under constraints both trials may be infeasible (latency is measured): then none is best,
    // and the run exits 1 as for any run with no best trial.
    if (!constraints) expect(result.best).not.toBeNull();
    expect(run.code).toBe(result.best === null ? 1 : 0);
    for (const c of constraints ?? []) {
      const v = result.best?.metrics?.[c.metric];
      if (result.best) expect(c.max !== undefined ? v! <= c.max : v! >= c.min!).toBe(true);
    }
  });
});
