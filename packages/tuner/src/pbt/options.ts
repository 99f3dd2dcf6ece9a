// Population-based training settings: defaults in one place, validated once, naming the field.

import { checkNumber, mergeOptions, OPTION_LIMITS, OptionsError, showValue } from '../options.js';

/**
 * Defaults from Jaderberg et al. 2017 ("Population Based Training of Neural Networks", §3-4:
 * truncation selection, perturb by 0.8 or 1.2) and Ray Tune's PopulationBasedTraining
 * (quantile_fraction 0.25, resample_probability 0.25); population 8 and an interval of 4 epochs
 * are this platform's defaults for small MLP sweeps (issue 6).
 */
export const PBT_DEFAULTS = {
  populationSize: 8,
  /** Epochs a member trains between two exploit/explore steps. */
  perturbationInterval: 4,
  /** The bottom fraction of the population copies the top fraction (Ray: quantile_fraction). */
  quantileFraction: 0.25,
  /** A perturbed numeric value is multiplied by one of these (Jaderberg et al. 2017). */
  perturbationFactors: [0.8, 1.2] as readonly number[],
  /** A mutable numeric value is redrawn from its range instead with this probability (Ray). */
  resampleProbability: 0.25,
};

export type PbtOptions = typeof PBT_DEFAULTS;

/** Merges `given` over the defaults and checks every field. */
export function pbtOptions(given: Readonly<Record<string, unknown>>): PbtOptions {
  const o = mergeOptions('pbt sampler', PBT_DEFAULTS, given);
  // Every member is a trial running at once: a thousand is already a cluster's worth.
  checkNumber('populationSize', o.populationSize, { min: 2, max: 1000, integer: true });
  checkNumber('perturbationInterval', o.perturbationInterval, {
    min: 1,
    max: OPTION_LIMITS.step,
    integer: true,
  });
  checkNumber('quantileFraction', o.quantileFraction, { above: 0, max: 0.5 });
  checkNumber('resampleProbability', o.resampleProbability, { min: 0, max: 1 });
  const factors: unknown = o.perturbationFactors;
  if (!Array.isArray(factors) || factors.length === 0 || factors.length > 100) {
    throw new OptionsError(
      'perturbationFactors',
      `perturbationFactors must be an array of 1..100 numbers in (0, 100], got ${showValue(factors)}`,
    );
  }
  factors.forEach((f, i) => checkNumber(`perturbationFactors.${i}`, f, { above: 0, max: 100 }));
  return { ...o, perturbationFactors: [...(factors as number[])] };
}
