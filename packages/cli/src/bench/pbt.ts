// `sweepwise bench pbt --json`: population-based training against random search at equal compute
// on the MNIST digits, trained by the engine in this process (no services). Each method gets the
// same epochs: PBT trains 8 members for E epochs (exploit/explore every 4), random search trains
// 8 configurations drawn from the same space for E epochs each. The winner of each (best
// validation accuracy at its best epoch) is evaluated once on the sealed test split. The
// comparison is paired: PBT's initial population is the very 8 configurations (and engine seeds)
// random search trains, so any difference comes from exploit/explore.
// Issue 6: PBT should match or beat random search at equal compute.
import { materialize, unsealTestSet } from '@sweepwise/data';
import { evaluateModel, validateConfig, type TrialData } from '@sweepwise/engine';
import {
  type EngineMemberState,
  engineMemberTrainer,
  loadTrialData,
  type MemberData,
  trainEngineMember,
} from '@sweepwise/runners';
import { Rng, runPopulation, uniformPoint, validateSpace } from '@sweepwise/tuner';
import { intFlag, parseArgs } from '../args.js';

export const PBT_BENCH_DEFAULTS = {
  /** Members, and random-search trials. */
  population: 8,
  epochs: 16,
  interval: 4,
  seeds: 3,
  /** A stratified subset of the 10,000 images (60/20/20 split), to keep three seeds practical. */
  images: 3000,
} as const;

/** The space both methods search; PBT changes the mutable ones while members train. */
const SPACE = {
  'optimizer.lr': { type: 'float', low: 1e-4, high: 0.1, log: true, mutable: true },
  'model.dropout': { type: 'float', low: 0, high: 0.5, mutable: true },
  batchSize: { type: 'int', low: 16, high: 256, log: true, mutable: true },
  'optimizer.weightDecay': { type: 'float', low: 1e-6, high: 1e-2, log: true, mutable: true },
};

function baseConfig(images: number) {
  return {
    // Grey levels in [0, 1] as they come (per-pixel z-scores inflate almost-blank pixels).
    dataset: { name: 'mnist', n: images, standardize: false },
    model: { hidden: [64] },
    optimizer: { type: 'adamw' },
  };
}

interface Winner {
  valAcc: number;
  member: EngineMemberState;
}

/** The best of the states by validation accuracy at their best epoch (the first on ties). */
function winnerOf(states: readonly EngineMemberState[]): Winner {
  let best: Winner | null = null;
  for (const member of states) {
    const valAcc = member.result.metrics.val_acc ?? NaN;
    if (!best || valAcc > best.valAcc) best = { valAcc, member };
  }
  return best!;
}

/** Test accuracy of a winner: the sealed split opened once for it, as a promotion would. */
function testAccuracy(data: TrialData, winner: Winner, run: string): number {
  const test = unsealTestSet(data.split, { sweepId: run, trialId: 'winner', sequence: 1 });
  const evaluation = evaluateModel(
    winner.member.model,
    materialize(data.dataset, test, data.standardizer ?? undefined),
  );
  if (evaluation.task !== 'classification') throw new Error('MNIST is a classification task');
  return evaluation.accuracy;
}

export async function run(options: { json: boolean; args: string[] }): Promise<void> {
  const usage =
    'sweepwise bench pbt [--json] [--population 8] [--epochs 16] [--interval 4] [--seeds 3] [--images 3000]';
  const args = parseArgs(options.args, {
    valued: ['population', 'epochs', 'interval', 'seeds', 'images'],
    usage,
  });
  const o = {
    population: intFlag(args, 'population', PBT_BENCH_DEFAULTS.population),
    epochs: intFlag(args, 'epochs', PBT_BENCH_DEFAULTS.epochs),
    interval: intFlag(args, 'interval', PBT_BENCH_DEFAULTS.interval),
    seeds: intFlag(args, 'seeds', PBT_BENCH_DEFAULTS.seeds),
    images: intFlag(args, 'images', PBT_BENCH_DEFAULTS.images),
  };
  const log = (line: string) => console.error(`bench pbt: ${line}`);
  const base = baseConfig(o.images);
  const space = validateSpace(SPACE);
  const pbt = { populationSize: o.population, perturbationInterval: o.interval };
  const results = { pbtVal: [], randomVal: [], pbtTest: [], randomTest: [] } as Record<
    string,
    number[]
  >;
  for (let seed = 1; seed <= o.seeds; seed++) {
    // The same split every seed; each seed opens its test set once per winner (a run name each).
    const trialData = loadTrialData(validateConfig(base));
    const data: MemberData = {
      classes: trialData.dataset.classes,
      train: trialData.train,
      validation: trialData.validation,
    };
    const started = performance.now();
    const { population, checkpoints } = await runPopulation({
      space: SPACE,
      direction: 'maximize',
      pbt,
      epochs: o.epochs,
      seed,
      train: engineMemberTrainer({ base, data, metric: 'val_acc', seed: seed * 1000 }),
    });
    const pbtWinner = winnerOf(checkpoints);
    const pbtS = (performance.now() - started) / 1000;

    const rng = Rng.fromSeed(seed);
    const trials: EngineMemberState[] = [];
    for (let i = 0; i < o.population; i++) {
      const params = uniformPoint(space, rng);
      trials.push(await trainEngineMember({ base, data }, params, null, o.epochs, seed * 1000 + i));
    }
    const randomWinner = winnerOf(trials);

    results.pbtVal.push(pbtWinner.valAcc);
    results.randomVal.push(randomWinner.valAcc);
    results.pbtTest.push(testAccuracy(trialData, pbtWinner, `bench-pbt-${seed}`));
    results.randomTest.push(testAccuracy(trialData, randomWinner, `bench-random-${seed}`));
    log(
      `seed ${seed}: pbt val_acc ${pbtWinner.valAcc.toFixed(4)} test ${results.pbtTest.at(-1)!.toFixed(4)} ` +
        `(${population.events.length} exploits, ${pbtS.toFixed(0)} s); random val_acc ` +
        `${randomWinner.valAcc.toFixed(4)} test ${results.randomTest.at(-1)!.toFixed(4)}`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const line = {
    epochs_budget: o.population * o.epochs,
    seeds: o.seeds,
    pbt_val_acc: mean(results.pbtVal),
    random_val_acc: mean(results.randomVal),
    pbt_test_acc: mean(results.pbtTest),
    random_test_acc: mean(results.randomTest),
    population: o.population,
    interval: o.interval,
    dataset: `mnist n=${o.images}`,
    model: 'hidden [64], adamw',
  };
  console.log(
    options.json
      ? JSON.stringify(line)
      : `PBT val_acc ${line.pbt_val_acc.toFixed(4)} test ${line.pbt_test_acc.toFixed(4)}; ` +
          `random search val_acc ${line.random_val_acc.toFixed(4)} test ` +
          `${line.random_test_acc.toFixed(4)} (${line.epochs_budget} epochs each, ${o.seeds} seeds)`,
  );
}
