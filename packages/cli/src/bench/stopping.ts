// `sweepwise bench stopping --json`: what early stopping buys. The same random-search sweep on the
// MNIST digits runs without a stopping rule (the baseline) and with each rule, over several seeds;
// one JSON line per rule compares the best validation accuracy found and the epochs spent.
// Target (issue 9): ASHA and the median rule keep >= 99% of the baseline's best accuracy with
// <= 40% of its epochs.
import { availableParallelism } from 'node:os';
import type { SweepSpec, SweepSettings } from '@sweepwise/sweeps';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args.js';
import { closeEngineThreads, engineRunner } from '@sweepwise/runners';
import { runSweep } from '../in-memory/run-sweep.js';

export const STOPPING_BENCH_DEFAULTS = {
  trials: 40,
  epochs: 20,
  seeds: 3,
  /** MNIST images used (a stratified subset of the 10,000; 60/20/20 split), to keep it practical. */
  images: 2000,
} as const;

/**
 * Each rule with the tuner's defaults, plus what a rule cannot default: the last epoch (ASHA's
 * and Hyperband's maxResource, from --epochs) and the threshold's bound (val_acc 0.5 from epoch 3,
 * far below what any working configuration reaches on the digits).
 */
function rules(epochs: number): Record<string, SweepSettings> {
  return {
    median: { type: 'median' },
    asha: { type: 'asha', maxResource: epochs },
    hyperband: { type: 'hyperband', maxResource: epochs },
    patience: { type: 'patience' },
    threshold: { type: 'threshold', bound: 0.5, warmupSteps: 3 },
  };
}

function sweep(
  seed: number,
  stopper: SweepSettings | null,
  o: { trials: number; epochs: number; images: number },
): SweepSpec {
  return {
    name: `bench-stopping-${stopper?.type ?? 'none'}-${seed}`,
    workload: {
      engine: {
        dataset: { name: 'mnist', n: o.images },
        model: { hidden: [64] },
        epochs: o.epochs,
        batchSize: 64,
        // No early stopping inside a run: the rules under test are the only thing that stops one.
        earlyStopping: { metric: 'val_acc', patience: null },
      },
    },
    metric: { name: 'val_acc', goal: 'maximize' },
    parameters: {
      'optimizer.lr': { type: 'float', low: 1e-4, high: 0.3, log: true },
      'model.hidden.0': { type: 'int', low: 16, high: 128, log: true },
      'model.dropout': { type: 'float', low: 0, high: 0.5 },
    },
    algorithm: { type: 'random', seed },
    stopper,
    budget: {
      maxTrials: o.trials,
      maxConcurrentTrials: availableParallelism(),
      maxWallTimeS: null,
      maxFailedTrials: null,
    },
  };
}

async function measure(
  body: SweepSpec,
  parallel: number,
): Promise<{ best: number; epochs: number; wallS: number }> {
  if (!('engine' in body.workload)) throw new Error('the stopping benchmark trains the engine');
  try {
    const result = await runSweep(body, { runner: engineRunner, parallel });
    return {
      best: result.best?.value ?? Number.NaN,
      epochs: result.stepsUsed,
      wallS: result.wallS,
    };
  } finally {
    await closeEngineThreads();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function run(options: { json: boolean; args: string[] }): Promise<void> {
  const usage =
    'sweepwise bench stopping [--json] [--trials 40] [--epochs 20] [--seeds 3] [--images 2000] [--rules median,asha,...] [--parallel N]';
  const args = parseArgs(options.args, {
    valued: ['trials', 'epochs', 'seeds', 'images', 'rules', 'parallel'],
    usage,
  });
  const o = {
    trials: intFlag(args, 'trials', STOPPING_BENCH_DEFAULTS.trials),
    epochs: intFlag(args, 'epochs', STOPPING_BENCH_DEFAULTS.epochs),
    images: intFlag(args, 'images', STOPPING_BENCH_DEFAULTS.images),
  };
  const seeds = intFlag(args, 'seeds', STOPPING_BENCH_DEFAULTS.seeds);
  const parallel = intFlag(args, 'parallel', availableParallelism());
  const all = rules(o.epochs);
  const chosen = stringFlag(args, 'rules')?.split(',') ?? Object.keys(all);
  for (const name of chosen)
    if (!all[name])
      throw new UsageError(`unknown rule "${name}"; rules: ${Object.keys(all).join(', ')}`);

  const log = (line: string) => console.error(`bench stopping: ${line}`);
  const baseline: Array<{ best: number; epochs: number }> = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const m = await measure(sweep(seed, null, o), parallel);
    log(
      `baseline seed ${seed}: best val_acc ${m.best.toFixed(4)}, ${m.epochs} epochs, ${m.wallS.toFixed(0)} s`,
    );
    baseline.push(m);
  }
  const baselineBest = mean(baseline.map((b) => b.best));
  const baselineEpochs = mean(baseline.map((b) => b.epochs));

  for (const name of chosen) {
    const runs: Array<{ best: number; epochs: number }> = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const m = await measure(sweep(seed, all[name], o), parallel);
      log(
        `${name} seed ${seed}: best val_acc ${m.best.toFixed(4)}, ${m.epochs} epochs, ${m.wallS.toFixed(0)} s`,
      );
      runs.push(m);
    }
    const best = mean(runs.map((r) => r.best));
    const epochs = mean(runs.map((r) => r.epochs));
    const line = {
      rule: name,
      best_val_acc: best,
      epochs_used: epochs,
      baseline_best_val_acc: baselineBest,
      baseline_epochs: baselineEpochs,
      accuracy_kept: best / baselineBest,
      epochs_fraction: epochs / baselineEpochs,
      trials: o.trials,
      max_epochs: o.epochs,
      seeds,
      dataset: `mnist n=${o.images}`,
    };
    console.log(
      options.json
        ? JSON.stringify(line)
        : `${name.padEnd(9)} best val_acc ${best.toFixed(4)} (baseline ${baselineBest.toFixed(4)}, ` +
            `${(100 * line.accuracy_kept).toFixed(1)}%) with ${epochs.toFixed(0)} epochs ` +
            `(baseline ${baselineEpochs.toFixed(0)}, ${(100 * line.epochs_fraction).toFixed(1)}%)`,
    );
  }
}
