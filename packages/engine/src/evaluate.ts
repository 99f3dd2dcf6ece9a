import { lossAndGrad, predictClass, type Loss } from './loss.js';
import type { ImageShape } from '@sweepwise/data';
import type { Network } from './model/network.js';

/** Rows of features and targets, as @sweepwise/data's materialize() returns them. */
export interface Samples {
  x: Float32Array;
  y: Float32Array;
  n: number;
  features: number;
  /** Image data: how each row's features form an image (channels last); conv layers need it. */
  shape?: ImageShape;
}

/** A model with the loss it was trained for; what promotion evaluates on the test set. */
export class TrainedModel {
  constructor(
    readonly network: Network,
    readonly loss: Loss,
    /** 0 for regression. */
    readonly classes: number,
  ) {}

  get outputWidth(): number {
    return this.network.spec.outputSize;
  }

  /** Runs inference over the samples in chunks of the model's batch capacity. */
  forEachChunk(
    data: Samples,
    visit: (out: Float32Array, start: number, count: number) => void,
  ): void {
    if (data.features !== this.network.spec.inputSize) {
      throw new Error(
        `samples have ${data.features} features, the model takes ${this.network.spec.inputSize}`,
      );
    }
    const cap = this.network.capacity;
    for (let start = 0; start < data.n; start += cap) {
      const count = Math.min(cap, data.n - start);
      const x = data.x.subarray(start * data.features, (start + count) * data.features);
      visit(this.network.forward(x, count, false), start, count);
    }
  }
}

/** Mean loss and (classification) accuracy: the per-epoch validation score. */
export function scoreSamples(
  model: TrainedModel,
  data: Samples,
): { loss: number; accuracy?: number } {
  let loss = 0;
  let correct = 0;
  const width = model.outputWidth;
  model.forEachChunk(data, (out, start, count) => {
    const y = data.y.subarray(start, start + count);
    loss += lossAndGrad(model.loss, out, y, count, width, null) * count;
    if (model.classes > 0) {
      for (let i = 0; i < count; i++) if (predictClass(out, i, width) === y[i]) correct++;
    }
  });
  return model.classes > 0
    ? { loss: loss / data.n, accuracy: correct / data.n }
    : { loss: loss / data.n };
}

export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  /** True samples of the class. */
  support: number;
}

export type TestEvaluation =
  | {
      task: 'classification';
      n: number;
      loss: number;
      accuracy: number;
      perClass: ClassReport[];
      /** confusion[true class][predicted class] = count. */
      confusion: number[][];
    }
  | { task: 'regression'; n: number; loss: number; mse: number; mae: number; r2: number };

/**
 * The full report of a model on a data set (the test set, once, at promotion): loss, accuracy,
 * per-class precision/recall/F1 and the confusion matrix; or MSE, MAE and R² for regression.
 * A class never predicted has precision 0 (and F1 0), as scikit-learn reports with zero_division=0.
 */
export function evaluateModel(model: TrainedModel, data: Samples): TestEvaluation {
  if (data.n === 0) throw new Error('cannot evaluate on an empty set');
  const { loss } = scoreSamples(model, data);
  const width = model.outputWidth;
  if (model.classes === 0) {
    let abs = 0;
    let sq = 0;
    model.forEachChunk(data, (out, start, count) => {
      for (let i = 0; i < count; i++) {
        const d = out[i] - data.y[start + i];
        abs += Math.abs(d);
        sq += d * d;
      }
    });
    let mean = 0;
    for (let i = 0; i < data.n; i++) mean += data.y[i];
    mean /= data.n;
    let total = 0;
    for (let i = 0; i < data.n; i++) total += (data.y[i] - mean) ** 2;
    return {
      task: 'regression',
      n: data.n,
      loss,
      mse: sq / data.n,
      mae: abs / data.n,
      r2: 1 - sq / total,
    };
  }
  const k = model.classes;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  model.forEachChunk(data, (out, start, count) => {
    for (let i = 0; i < count; i++) confusion[data.y[start + i]][predictClass(out, i, width)]++;
  });
  let correct = 0;
  const perClass = confusion.map((row, c) => {
    correct += row[c];
    const predicted = confusion.reduce((s, r) => s + r[c], 0);
    const support = row.reduce((s, v) => s + v, 0);
    const precision = predicted === 0 ? 0 : row[c] / predicted;
    const recall = support === 0 ? 0 : row[c] / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
  return {
    task: 'classification',
    n: data.n,
    loss,
    accuracy: correct / data.n,
    perClass,
    confusion,
  };
}
