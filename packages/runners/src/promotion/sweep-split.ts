import {
  describeSplit,
  splitDataset,
  splitWarnings,
  type Dataset,
  type SplitDescriptor,
  type SplitWarning,
} from '@sweepwise/data';
import { datasetSpecOf, validateConfig, type TrialConfig } from '@sweepwise/engine';
import { dataFilesFromEnv } from '../datasets/data-files.js';
import { loadDataset } from '../datasets/load-dataset.js';

/**
 * The data set a trial config names, without its split options (those go to the splitter); a
 * file is read from this worker's data root, as its trials read it.
 */
export function loadConfigDataset(config: TrialConfig): Dataset {
  return loadDataset(datasetSpecOf(config), { files: dataFilesFromEnv() });
}

/** What Sweep.split holds: the descriptor, and the split's pitfalls for the dashboard to show. */
export type SweepSplit = SplitDescriptor & { warnings: SplitWarning[] };

/**
 * The split an engine sweep fixes at creation, to store in Sweep.split: made exactly as each
 * trial's `train` makes it from the base config, and described without any index (the test part
 * is only its hash). Promotion re-creates it from this and refuses if it no longer matches.
 * The warnings (small validation split, a class missing from a part, rows in two parts) are
 * computed here because the web may not load data sets.
 */
export function sweepSplit(engineBase: unknown): SweepSplit {
  const config = validateConfig(engineBase);
  const ds = loadConfigDataset(config);
  const split = splitDataset(ds, config.dataset.split);
  return { ...describeSplit(split), warnings: splitWarnings(ds, split) };
}
