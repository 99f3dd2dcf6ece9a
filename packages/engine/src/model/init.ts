import type { Rng } from '../rng.js';

export const INITS = [
  'uniform',
  'normal',
  'xavier_uniform',
  'xavier_normal',
  'he',
  'he_uniform',
] as const;
export type Init = (typeof INITS)[number];

/** Spread of the plain uniform and normal initializers, Keras' RandomUniform/RandomNormal defaults. */
export const PLAIN_INIT_SCALE = 0.05;

/** Fills a fanIn×fanOut weight matrix. Xavier: Glorot & Bengio 2010; He: He et al. 2015. */
export function initWeights(
  kind: Init,
  w: Float32Array,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  const uniform = (limit: number) => {
    for (let i = 0; i < w.length; i++) w[i] = (rng.next() * 2 - 1) * limit;
  };
  const normal = (std: number) => {
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
  };
  switch (kind) {
    case 'uniform':
      return uniform(PLAIN_INIT_SCALE);
    case 'normal':
      return normal(PLAIN_INIT_SCALE);
    case 'xavier_uniform':
      return uniform(Math.sqrt(6 / (fanIn + fanOut)));
    case 'xavier_normal':
      return normal(Math.sqrt(2 / (fanIn + fanOut)));
    case 'he':
      return normal(Math.sqrt(2 / fanIn));
    case 'he_uniform':
      return uniform(Math.sqrt(6 / fanIn));
  }
}
