export * from './space.js';
export * from './encoding.js';
export * from './rng.js';
export * from './trial.js';
export * from './options.js';
export type * from './samplers/sampler.js';
export { SAMPLERS, samplerFactory } from './samplers/index.js';
export { RANDOM_DEFAULTS } from './samplers/random.js';
export { paramsKey } from './samplers/pending.js';
