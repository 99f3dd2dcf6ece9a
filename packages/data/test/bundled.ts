import { readFileSync } from 'node:fs';
import { buildDataset, type Dataset, type DatasetSpec } from '../src/index.js';

/**
 * A data set with the bundled sets' files read from this package's node_modules: tests may read
 * files, the package does not (packages/runners' loader does the same for the platform).
 */
export function loadDataset(spec: DatasetSpec): Dataset {
  return buildDataset(spec, {
    packageFile: (name, path) =>
      readFileSync(new URL(`../node_modules/${name}/${path}`, import.meta.url), 'utf8'),
  });
}
