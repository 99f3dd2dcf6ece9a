// `sweepwise bench mnist-cnn --json`: test accuracy of the reference CNN (conv3x3(32)-relu-maxpool2,
// conv3x3(64)-relu-maxpool2, dense 128-relu, dense 10) on the 10,000 MNIST digits, split 60/20/20,
// Adam 1e-3, batch 64, 12 epochs, over 3 engine seeds (initialization and shuffling; the split
// stays the same). Each run keeps its best validation-accuracy epoch's weights and is evaluated
// once on the sealed test split. Issue 18: at least 97.0% (PyTorch: 97.3 ± 0.3; MLP: 94.5).
import { materialize, unsealTestSet } from '@sweepwise/data';
import { evaluateModel, fitArrays, validateConfig } from '@sweepwise/engine';
import { loadTrialData } from '@sweepwise/runners';
import { intFlag, parseArgs } from '../args.js';
import { REFERENCE_CNN } from './engine.js';

export async function run(options: { json: boolean; args: string[] }): Promise<void> {
  const args = parseArgs(options.args, {
    valued: ['seeds', 'epochs'],
    usage: 'sweepwise bench mnist-cnn [--json] [--seeds 3] [--epochs 12]',
  });
  const seeds = intFlag(args, 'seeds', 3);
  const epochs = intFlag(args, 'epochs', 12);
  const accuracies: number[] = [];
  const bestEpochs: number[] = [];
  let wallS = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const config = validateConfig({
      dataset: { name: 'mnist' },
      model: { layers: REFERENCE_CNN },
      optimizer: { type: 'adam', lr: 0.001 },
      batchSize: 64,
      epochs,
      seed,
      earlyStopping: { metric: 'val_acc', patience: null },
    });
    const data = loadTrialData(config);
    const { dataset: _dataset, ...fitConfig } = config;
    const { result, model } = await fitArrays({
      config: fitConfig,
      classes: data.dataset.classes,
      train: data.train,
      validation: data.validation,
      onEpoch: (m) =>
        console.error(
          `bench mnist-cnn: seed ${seed} epoch ${m.epoch} val_acc ${m.val_acc?.toFixed(4)} (${m.wall_s.toFixed(0)} s)`,
        ),
    });
    const test = unsealTestSet(data.split, { sweepId: 'bench-mnist-cnn', trialId: `seed-${seed}`, sequence: 1 }); // prettier-ignore
    const evaluation = evaluateModel(model, materialize(data.dataset, test));
    if (evaluation.task !== 'classification') throw new Error('MNIST is a classification task');
    accuracies.push(evaluation.accuracy);
    bestEpochs.push(result.bestEpoch);
    wallS += result.wallTimeS;
  }
  const mean = accuracies.reduce((a, b) => a + b, 0) / seeds;
  const std = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / seeds);
  const line = {
    workload: 'cnn-mnist-c32-c64-d128-batch64-adam',
    dataset: 'mnist 10000, split 60/20/20',
    epochs,
    seeds,
    test_acc_mean: Number(mean.toFixed(4)),
    test_acc_std: Number(std.toFixed(4)),
    test_acc: accuracies.map((a) => Number(a.toFixed(4))),
    best_epochs: bestEpochs,
    train_wall_s: Number(wallS.toFixed(1)),
  };
  console.log(
    options.json
      ? JSON.stringify(line)
      : `CNN test accuracy ${(100 * mean).toFixed(2)}% ± ${(100 * std).toFixed(2)} over ${seeds} seeds (${line.test_acc.join(', ')})`,
  );
}
