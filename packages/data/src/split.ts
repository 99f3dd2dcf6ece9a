import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';
import { DataError } from './errors.js';
import { assertSeed, createRng, shuffle, STREAM, type Rng } from './random.js';
import { SealedTestSet, sealedIndices } from './test-set-guard.js';

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export interface SplitOptions extends Partial<SplitFractions> {
  seed?: number;
  /**
   * Keep each class's share in every split (default true). Regression data has no classes and is
   * split at random whatever this says; the option is still recorded as given.
   */
  stratify?: boolean;
}

export const SPLIT_DEFAULTS = {
  train: 0.6,
  validation: 0.2,
  test: 0.2,
  seed: 1,
  stratify: true,
} as const;

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/**
 * A train / validation / test split. Train and validation indices are open (in seeded shuffled
 * order); the test indices are sealed and reachable only through `unsealTestSet` at promotion.
 */
export interface Split {
  dataset: string;
  n: number;
  train: Int32Array;
  validation: Int32Array;
  test: SealedTestSet;
  /** sha256 of the data set's contents (see datasetFingerprint). */
  datasetFingerprint: string;
  /**
   * sha256 of the dataset name, its fingerprint and the sorted test indices: proves which samples
   * were held out, and that they are still the same samples.
   */
  testHash: string;
  fractions: SplitFractions;
  seed: number;
  /** The option as given; only classification data is actually stratified. */
  stratify: boolean;
  sizes: SplitSizes;
}

/** What a sweep stores to pin its split: enough to re-create it, and no indices. */
export interface SplitDescriptor {
  dataset: string;
  n: number;
  datasetFingerprint: string;
  seed: number;
  fractions: SplitFractions;
  stratify: boolean;
  sizes: SplitSizes;
  testHash: string;
}

const FRACTION_SUM_TOLERANCE = 1e-6;

function resolveFractions(options: SplitOptions): SplitFractions {
  const fractions = {
    train: options.train ?? SPLIT_DEFAULTS.train,
    validation: options.validation ?? SPLIT_DEFAULTS.validation,
    test: options.test ?? SPLIT_DEFAULTS.test,
  };
  for (const [key, value] of Object.entries(fractions)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new DataError(
        `split.${key}`,
        `must be a number in [0, 1], got ${JSON.stringify(value)}`,
      );
    }
  }
  if (fractions.train === 0) throw new DataError('split.train', 'must be > 0');
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > FRACTION_SUM_TOLERANCE) {
    throw new DataError(
      'split',
      `train + validation + test must be 1, got ${Number(sum.toPrecision(6))}`,
    );
  }
  return fractions;
}

/**
 * Hamilton's largest-remainder apportionment: each part gets floor(quota) and the leftovers go to
 * the largest fractional parts (ties to the earlier part), so every part is within 1 of its quota.
 * Apportioning class after class, pass the same `debt` (quota minus count so far, per part): the
 * leftovers then go to the parts owed most overall, so the totals also stay within 1 of theirs.
 */
export function apportion(count: number, fractions: readonly number[], debt?: number[]): number[] {
  // Rounding the quotas first keeps 0.6 * 5 = 3.0000000000000004 from acting as a remainder.
  const quotas = fractions.map((fraction) => Math.round(fraction * count * 1e9) / 1e9);
  const counts = quotas.map(Math.floor);
  const left = count - counts.reduce((sum, value) => sum + value, 0);
  const order = quotas
    .map((quota, part) => ({ part, owed: quota - Math.floor(quota) + (debt?.[part] ?? 0) }))
    .sort((a, b) => b.owed - a.owed || a.part - b.part);
  for (let k = 0; k < left; k++) counts[order[k % order.length].part]++;
  debt?.forEach((_, part) => (debt[part] += quotas[part] - counts[part]));
  return counts;
}

/** Sample indices grouped by class (one group of everything when not stratifying), ascending. */
export function groupByClass(ds: Dataset, indices: Int32Array, stratify: boolean): Int32Array[] {
  if (!stratify) return [indices];
  const counts = new Int32Array(ds.classes);
  for (const i of indices) {
    const label = ds.y[i];
    if (!Number.isInteger(label) || label < 0 || label >= ds.classes) {
      throw new DataError(
        'dataset.y',
        `sample ${i} has label ${label}, not a class index in 0..${ds.classes - 1}`,
      );
    }
    counts[label]++;
  }
  const groups = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(ds.classes);
  for (const i of indices) {
    const label = ds.y[i];
    groups[label][filled[label]++] = i;
  }
  return groups;
}

function allIndices(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

const fingerprints = new WeakMap<Dataset, string>();

function bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * sha256 of a data set's shape, features and targets, cached per Dataset object. Two generated
 * sets with the same name and size but another seed, or a user's file edited after the sweep
 * began, hold other samples behind the same indices: the fingerprint tells them apart.
 */
export function datasetFingerprint(ds: Dataset): string {
  let fingerprint = fingerprints.get(ds);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256')
      .update(`${ds.task}\n${ds.n}\n${ds.features}\n`)
      .update(bytes(ds.x.subarray(0, ds.n * ds.features)))
      .update(bytes(ds.y.subarray(0, ds.n)))
      .digest('hex');
    fingerprints.set(ds, fingerprint);
  }
  return fingerprint;
}

function hashTestIndices(dataset: string, fingerprint: string, sortedTest: Int32Array): string {
  return createHash('sha256')
    .update(`${dataset}\n${fingerprint}\n${sortedTest.join(',')}`)
    .digest('hex');
}

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function splitGroups(groups: Int32Array[], fractions: SplitFractions, rng: Rng): Int32Array[][] {
  const parts: Int32Array[][] = [[], [], []];
  const debt = [0, 0, 0];
  for (const group of groups) {
    const shuffled = shuffle(group.slice(), rng);
    const [train, validation] = apportion(
      shuffled.length,
      [fractions.train, fractions.validation, fractions.test],
      debt,
    );
    parts[0].push(shuffled.subarray(0, train));
    parts[1].push(shuffled.subarray(train, train + validation));
    parts[2].push(shuffled.subarray(train + validation));
  }
  return parts;
}

/**
 * Splits a data set into train / validation / test (default 60/20/20, seed 1, stratified for
 * classification). The same data set and options always give the same split.
 */
export function splitDataset(ds: Dataset, options: SplitOptions = {}): Split {
  const fractions = resolveFractions(options);
  const seed = options.seed ?? SPLIT_DEFAULTS.seed;
  assertSeed(seed, 'split.seed');
  if (options.stratify !== undefined && typeof options.stratify !== 'boolean') {
    throw new DataError(
      'split.stratify',
      `must be a boolean, got ${JSON.stringify(options.stratify)}`,
    );
  }
  const stratify = options.stratify ?? SPLIT_DEFAULTS.stratify;
  const rng = createRng(seed, STREAM.split);
  const [trainParts, validationParts, testParts] = splitGroups(
    groupByClass(ds, allIndices(ds.n), stratify && ds.task === 'classification'),
    fractions,
    rng,
  );
  // Shuffled again so that a trainer walking the indices in order does not see one class at a time.
  const train = shuffle(concat(trainParts), rng);
  const validation = shuffle(concat(validationParts), rng);
  const test = concat(testParts).sort();
  const fingerprint = datasetFingerprint(ds);
  return {
    dataset: ds.name,
    n: ds.n,
    train,
    validation,
    test: new SealedTestSet(test),
    datasetFingerprint: fingerprint,
    testHash: hashTestIndices(ds.name, fingerprint, test),
    fractions,
    seed,
    stratify,
    sizes: { train: train.length, validation: validation.length, test: test.length },
  };
}

export function describeSplit(split: Split): SplitDescriptor {
  return {
    dataset: split.dataset,
    n: split.n,
    datasetFingerprint: split.datasetFingerprint,
    seed: split.seed,
    fractions: { ...split.fractions },
    stratify: split.stratify,
    sizes: { ...split.sizes },
    testHash: split.testHash,
  };
}

/** True when the split holds out exactly the samples the descriptor was made from. */
export function splitMatches(split: Split, descriptor: SplitDescriptor): boolean {
  return (
    split.dataset === descriptor.dataset &&
    split.n === descriptor.n &&
    // Recomputed from the sealed indices: the testHash field of a Split object could be edited.
    hashTestIndices(split.dataset, split.datasetFingerprint, sealedIndices(split.test)) ===
      descriptor.testHash
  );
}

/** A stored descriptor comes back from a database: check its shape before trusting it. */
function assertDescriptor(descriptor: SplitDescriptor): void {
  const fields: [keyof SplitDescriptor, string][] = [
    ['dataset', 'string'],
    ['n', 'number'],
    ['datasetFingerprint', 'string'],
    ['seed', 'number'],
    ['fractions', 'object'],
    ['stratify', 'boolean'],
    ['testHash', 'string'],
  ];
  for (const [key, type] of fields) {
    if (typeof descriptor?.[key] !== type || descriptor[key] === null) {
      throw new DataError(`split.${key}`, `the stored split descriptor has no ${type} ${key}`);
    }
  }
}

/**
 * Re-creates a stored split (at promotion, on any worker) and proves it is the same one: throws
 * when the data set or the code changed so that other samples would be held out.
 */
export function recreateSplit(ds: Dataset, descriptor: SplitDescriptor): Split {
  assertDescriptor(descriptor);
  if (ds.name !== descriptor.dataset || ds.n !== descriptor.n) {
    throw new DataError(
      'split.dataset',
      `the split was made on ${descriptor.dataset} (${descriptor.n} samples), not ${ds.name} (${ds.n} samples)`,
    );
  }
  if (datasetFingerprint(ds) !== descriptor.datasetFingerprint) {
    throw new DataError(
      'split.datasetFingerprint',
      `the contents of ${ds.name} changed since the split was made (another seed, or an edited file)`,
    );
  }
  const split = splitDataset(ds, {
    ...descriptor.fractions,
    seed: descriptor.seed,
    stratify: descriptor.stratify,
  });
  if (!splitMatches(split, descriptor)) {
    throw new DataError(
      'split.testHash',
      `the re-created split holds out other samples (hash ${split.testHash}, stored ${descriptor.testHash}): ` +
        'the split options or the split algorithm changed since the sweep was created',
    );
  }
  return split;
}

/** Train and validation together (for retraining at promotion or k-fold), test excluded. */
export function developmentIndices(split: Split): Int32Array {
  return concat([split.train, split.validation]);
}
