// The stopper registry: `stopper.type` in a study config -> factory.

import { lookupType } from '../options.js';
import { ashaStopper } from './asha.js';
import { hyperbandStopper } from './hyperband.js';
import { medianStopper } from './median.js';
import { patienceStopper } from './patience.js';
import { percentileStopper } from './percentile.js';
import type { StopperFactory } from './stopper.js';
import { thresholdStopper } from './threshold.js';

export const STOPPERS: Readonly<Record<string, StopperFactory>> = Object.fromEntries(
  [
    medianStopper,
    percentileStopper,
    ashaStopper,
    hyperbandStopper,
    patienceStopper,
    thresholdStopper,
  ].map((f) => [f.type, f]),
);

export function stopperFactory(type: unknown): StopperFactory {
  return lookupType('stopper.type', STOPPERS, type);
}
