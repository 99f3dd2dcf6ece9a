/**
 * The metrics of a promoted model on the held-out test split, computed from its predictions.
 * Plain numbers and arrays, so they are stored as a TestEvaluation's metrics JSON as they are.
 */

export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Test samples of this class. */
  support: number;
}

export interface ClassificationTestMetrics {
  task: 'classification';
  samples: number;
  loss: number;
  accuracy: number;
  /** Unweighted mean of the per-class F1 scores. */
  macroF1: number;
  classes: ClassMetrics[];
  /** confusionMatrix[true class][predicted class] = number of test samples. */
  confusionMatrix: number[][];
}

export interface RegressionTestMetrics {
  task: 'regression';
  samples: number;
  /** The training loss on the test split (MSE for regression, see the engine's losses). */
  loss: number;
  mse: number;
  mae: number;
  r2: number;
}

export type TestMetrics = ClassificationTestMetrics | RegressionTestMetrics;

function assertSameLength(truth: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (truth.length !== predicted.length) {
    throw new Error(`predictions: expected ${truth.length} values, got ${predicted.length}`);
  }
  if (truth.length === 0) throw new Error('predictions: the test split is empty');
}

/** A class nobody predicted (or nobody has) scores 0, as scikit-learn's zero_division=0 does. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function confusionMatrix(
  classes: number,
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): number[][] {
  assertSameLength(truth, predicted);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if (!(
      t >= 0 &&
      t < classes &&
      p >= 0 &&
      p < classes &&
      Number.isInteger(t) &&
      Number.isInteger(p)
    )) {
      throw new Error(
        `predictions: sample ${i} has class ${t} / prediction ${p} outside 0..${classes - 1}`,
      );
    }
    matrix[t][p]++;
  }
  return matrix;
}

/** Accuracy, per-class precision / recall / F1, and the confusion matrix. */
export function classificationMetrics(
  classNames: readonly string[],
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  loss: number,
): ClassificationTestMetrics {
  const matrix = confusionMatrix(classNames.length, truth, predicted);
  let correct = 0;
  const classes = classNames.map((name, c) => {
    const truePositives = matrix[c][c];
    correct += truePositives;
    const support = matrix[c].reduce((sum, count) => sum + count, 0);
    const predictedAs = matrix.reduce((sum, row) => sum + row[c], 0);
    const precision = ratio(truePositives, predictedAs);
    const recall = ratio(truePositives, support);
    return {
      class: name,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support,
    };
  });
  return {
    task: 'classification',
    samples: truth.length,
    loss,
    accuracy: correct / truth.length,
    macroF1: classes.reduce((sum, c) => sum + c.f1, 0) / classes.length,
    classes,
    confusionMatrix: matrix,
  };
}

/** Mean squared error, mean absolute error and the coefficient of determination R^2. */
export function regressionMetrics(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  loss: number,
): RegressionTestMetrics {
  assertSameLength(truth, predicted);
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i] / n;
  let squared = 0;
  let absolute = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const error = predicted[i] - truth[i];
    squared += error * error;
    absolute += Math.abs(error);
    total += (truth[i] - mean) ** 2;
  }
  // A constant target has no variance to explain: 1 for a perfect fit, else 0 (scikit-learn's r2_score).
  const r2 = total === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / total;
  return { task: 'regression', samples: n, loss, mse: squared / n, mae: absolute / n, r2 };
}
