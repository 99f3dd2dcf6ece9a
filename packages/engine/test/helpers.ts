import { readFileSync } from 'node:fs';
import { buildDataset, type Dataset } from '@sweepwise/data';
import {
  loadConfigDataset,
  train,
  validateConfig,
  type FitConfig,
  type RunOptions,
  type Samples,
  type TrainResult,
} from '../src/index.js';
import { Rng } from '../src/rng.js';

/** Three Gaussian blobs in 4 dimensions: a small classification problem with a known answer. */
export function blobs(n: number, seed: number, features = 4, classes = 3): Samples {
  const rng = new Rng(seed);
  const x = new Float32Array(n * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    y[i] = c;
    for (let f = 0; f < features; f++)
      x[i * features + f] = rng.normal() + (f % classes === c ? 2 : 0);
  }
  return { x, y, n, features };
}

/** A fit config from a partial trial config (the data set field is only needed by validation). */
export function fitConfig(partial: object = {}): FitConfig {
  const { dataset: _dataset, ...config } = validateConfig({
    dataset: { name: 'iris' },
    ...partial,
  });
  return config;
}

/** Curves without wall-clock time, which is the one field allowed to differ between runs. */
export function timeless<T extends { wall_s: number }>(curves: T[]): Omit<T, 'wall_s'>[] {
  return curves.map(({ wall_s: _w, ...rest }) => rest);
}

/**
 * The data set a config names, the bundled sets' files read from node_modules: tests may read
 * files, the engine does not (packages/runners loads data for the platform and the CLI).
 */
export function datasetOf(config: object): Dataset {
  return loadConfigDataset(
    validateConfig({ dataset: (config as { dataset?: unknown }).dataset }),
    (spec) =>
      buildDataset(spec, {
        packageFile: (name, path) =>
          readFileSync(new URL(`../node_modules/${name}/${path}`, import.meta.url), 'utf8'),
      }),
  );
}

/** train() on the data set the config names. */
export function trainOn(config: object, options?: RunOptions): Promise<TrainResult> {
  return train(config, datasetOf(config), options);
}
