// The sampler registry: `sampler.type` in a study config -> factory. Every sampler is listed here
// and nowhere else, so the study, the conformance tests and the benchmarks all see the same set.

import { OptionsError } from '../options.js';
import { randomSampler } from './random.js';
import type { SamplerFactory } from './sampler.js';

export const SAMPLERS: Readonly<Record<string, SamplerFactory>> = Object.fromEntries(
  [randomSampler].map((f) => [f.type, f]),
);

export function samplerFactory(type: unknown): SamplerFactory {
  const factory = typeof type === 'string' ? SAMPLERS[type] : undefined;
  if (!factory) {
    throw new OptionsError(
      'sampler.type',
      `sampler.type must be one of ${Object.keys(SAMPLERS).join(', ')}, got ${JSON.stringify(type)}`,
    );
  }
  return factory;
}
