import type { BundledDatasetSpec, Dataset } from './dataset.js';
import { DataError } from './errors.js';
import { assertSeed, createRng, STREAM, type Rng } from './random.js';

export type GeneratorName = 'spirals' | 'xor' | 'regression';

export const GENERATOR_DEFAULTS = {
  spirals: { n: 400, noise: 0.05 },
  xor: { n: 400, noise: 0.1 },
  regression: { n: 500, noise: 1 },
} as const satisfies Record<GeneratorName, { n: number; noise: number }>;

interface Generated {
  x: Float32Array;
  y: Float32Array;
  features: number;
  classes: number;
  featureNames: string[];
  classNames?: string[];
}

/** Two interleaved spirals (Lang and Witbrock, 1988), 1.5 turns each, label = which arm. */
function spirals(n: number, noise: number, rng: Rng): Generated {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const arm = i % 2;
    const t = rng.next();
    const angle = t * 3 * Math.PI + arm * Math.PI;
    x[2 * i] = t * Math.cos(angle) + noise * rng.normal();
    x[2 * i + 1] = t * Math.sin(angle) + noise * rng.normal();
    y[i] = arm;
  }
  return twoClassPlane(x, y, ['arm 0', 'arm 1']);
}

/** Points uniform in [-1, 1]^2, label = sign(x1) xor sign(x2), Gaussian noise on the inputs. */
function xor(n: number, noise: number, rng: Rng): Generated {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    y[i] = a > 0 !== b > 0 ? 1 : 0;
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
  }
  return twoClassPlane(x, y, ['same', 'different']);
}

/** Points (x1, x2) in two classes. */
function twoClassPlane(x: Float32Array, y: Float32Array, classNames: [string, string]): Generated {
  return { x, y, features: 2, classes: 2, featureNames: ['x1', 'x2'], classNames };
}

/** Friedman #1 (Friedman, 1991, "Multivariate adaptive regression splines"), x uniform in [0, 1]^5. */
function regression(n: number, noise: number, rng: Rng): Generated {
  const features = 5;
  const x = new Float32Array(n * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = Array.from({ length: features }, () => rng.next());
    x.set(v, i * features);
    y[i] =
      10 * Math.sin(Math.PI * v[0] * v[1]) +
      20 * (v[2] - 0.5) ** 2 +
      10 * v[3] +
      5 * v[4] +
      noise * rng.normal();
  }
  return { x, y, features, classes: 0, featureNames: ['x1', 'x2', 'x3', 'x4', 'x5'] };
}

const GENERATORS = { spirals, xor, regression } as const;

/**
 * A generated set lives in every trial's memory: a million rows is at most 24 MB (Friedman's 5
 * features and the target), far past what these toy problems need. Noise past 100 is all noise.
 */
export const GENERATED_MAX = { n: 1_000_000, noise: 100 } as const;

/** A seeded synthetic data set: the same spec always gives the same samples. */
export function generateDataset(name: GeneratorName, spec: BundledDatasetSpec): Dataset {
  const seed = spec.seed ?? 1;
  assertSeed(seed, 'dataset.seed');
  const n = spec.n ?? GENERATOR_DEFAULTS[name].n;
  if (!Number.isInteger(n) || n < 2 || n > GENERATED_MAX.n) {
    throw new DataError(
      'dataset.n',
      `must be an integer in 2..${GENERATED_MAX.n}, got ${JSON.stringify(spec.n)}`,
    );
  }
  const noise = spec.noise ?? GENERATOR_DEFAULTS[name].noise;
  if (
    typeof noise !== 'number' ||
    !Number.isFinite(noise) ||
    noise < 0 ||
    noise > GENERATED_MAX.noise
  ) {
    throw new DataError(
      'dataset.noise',
      `must be a number in 0..${GENERATED_MAX.noise}, got ${JSON.stringify(spec.noise)}`,
    );
  }
  const generated = GENERATORS[name](n, noise, createRng(seed, STREAM.generator));
  return {
    name,
    task: generated.classes > 0 ? 'classification' : 'regression',
    n,
    ...generated,
  };
}
