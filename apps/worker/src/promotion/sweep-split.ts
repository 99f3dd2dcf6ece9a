import {
  describeSplit,
  loadDataset,
  splitDataset,
  type Dataset,
  type DatasetSpec,
  type SplitDescriptor,
} from '@sweepwise/data';
import { validateConfig, type TrialConfig } from '@sweepwise/engine';

/** The data set a trial config names, without its split options (those go to the splitter). */
export function loadConfigDataset(config: TrialConfig): Dataset {
  const { split: _split, ...spec } = config.dataset;
  return loadDataset(spec as DatasetSpec);
}

/**
 * The split an engine sweep fixes at creation, to store in Sweep.split: made exactly as each
 * trial's `train` makes it from the base config, and described without any index (the test part
 * is only its hash). Promotion re-creates it from this and refuses if it no longer matches.
 */
export function sweepSplit(engineBase: unknown): SplitDescriptor {
  const config = validateConfig(engineBase);
  return describeSplit(splitDataset(loadConfigDataset(config), config.dataset.split));
}
