// Population-based training settings: declared once (../settings.ts), validated once, naming the field.

import { OPTION_LIMITS } from '../options.js';
import { defaultsOf, defineSettings, resolveSettings, type OptionsOf } from '../settings.js';

/**
 * Defaults from Jaderberg et al. 2017 ("Population Based Training of Neural Networks", §3-4:
 * truncation selection, perturb by 0.8 or 1.2) and Ray Tune's PopulationBasedTraining
 * (quantile_fraction 0.25, resample_probability 0.25); population 8 and an interval of 4 epochs
 * are this platform's defaults for small MLP sweeps (issue 6).
 */
export const PBT_SETTINGS = defineSettings({
  // Every member is a trial running at once: a thousand is already a cluster's worth.
  populationSize: {
    kind: 'int',
    default: 8,
    min: 2,
    max: 1000,
    help: 'Members trained at once (8: this platform’s default for small MLP sweeps).',
  },
  perturbationInterval: {
    kind: 'int',
    default: 4,
    min: 1,
    max: OPTION_LIMITS.step,
    help: 'Epochs a member trains between two exploit/explore steps.',
  },
  quantileFraction: {
    kind: 'real',
    default: 0.25,
    above: 0,
    max: 0.5,
    help: "The bottom fraction of the population copies the top fraction (Ray Tune's quantile_fraction: 0.25).",
  },
  perturbationFactors: {
    kind: 'reals',
    default: [0.8, 1.2],
    items: { min: 1, max: 100 },
    above: 0,
    max: 100,
    help: 'A perturbed numeric value is multiplied by one of these (Jaderberg et al. 2017: 0.8, 1.2).',
  },
  resampleProbability: {
    kind: 'real',
    default: 0.25,
    min: 0,
    max: 1,
    help: 'A mutable numeric value is redrawn from its range instead with this probability (Ray Tune: 0.25).',
  },
});

export const PBT_DEFAULTS = defaultsOf(PBT_SETTINGS);
export type PbtOptions = OptionsOf<typeof PBT_SETTINGS>;

/** Merges `given` over the defaults and checks every field. */
export function pbtOptions(given: Readonly<Record<string, unknown>>): PbtOptions {
  const o = resolveSettings('pbt sampler', PBT_SETTINGS, given);
  return { ...o, perturbationFactors: [...o.perturbationFactors] };
}
