// The sampler registry: `sampler.type` in a study config -> factory. Every sampler is listed here
// and nowhere else, so the study, the conformance tests and the benchmarks all see the same set.

import { lookupType } from '../options.js';
import { cmaesSampler } from './cmaes.js';
import { evolutionSampler } from './evolution.js';
import { gpSampler } from './gp.js';
import { gridSampler } from './grid.js';
import { nsga2Sampler } from './nsga2.js';
import { paregoSampler } from './parego.js';
import { pbtSampler } from './pbt.js';
import { randomSampler } from './random.js';
import { sobolSampler } from './sobol.js';
import type { SamplerFactory } from './sampler.js';
import { tpeSampler } from './tpe.js';

export const SAMPLERS: Readonly<Record<string, SamplerFactory>> = Object.fromEntries(
  [
    gridSampler,
    randomSampler,
    sobolSampler,
    evolutionSampler,
    gpSampler,
    cmaesSampler,
    pbtSampler,
    tpeSampler,
    nsga2Sampler,
    paregoSampler,
  ].map((f) => [f.type, f]),
);

export function samplerFactory(type: unknown): SamplerFactory {
  return lookupType('sampler.type', SAMPLERS, type);
}
