import { DataError, TestSetSealedError } from './errors.js';

/** Who opened the test set: one promotion of one trial of one sweep. */
export interface TestPromotion {
  sweepId: string;
  trialId: string;
  /** 1 for the sweep's first promotion, 2 for the second, ... (the dashboard shows the count). */
  sequence: number;
}

export interface TestSetAccess extends TestPromotion {
  at: string;
}

// The indices live outside the object, so no property walk, spread, structuredClone or
// serializer can reach them: only this module holds the key (the WeakMap).
const indicesBySeal = new WeakMap<SealedTestSet, Int32Array>();
const accessesBySeal = new WeakMap<SealedTestSet, TestSetAccess[]>();

/**
 * The held-out test indices of a Split, closed. Trial code gets a Split with this in place of the
 * indices; the only way in is `unsealTestSet` with a promotion, and each opening is recorded.
 */
export class SealedTestSet {
  /** How many test samples there are (also in the split descriptor); not which ones. */
  readonly size: number;

  constructor(indices: Int32Array) {
    indicesBySeal.set(this, indices);
    accessesBySeal.set(this, []);
    this.size = indices.length;
    Object.freeze(this);
  }

  toJSON(): never {
    throw new TestSetSealedError('serializing the test indices');
  }

  [Symbol.iterator](): never {
    throw new TestSetSealedError('iterating or spreading the test indices');
  }

  toString(): string {
    return `SealedTestSet(${this.size} samples)`;
  }
}

/** The parts of a Split the guard needs; Split itself is defined in split.ts. */
interface Sealed {
  test: SealedTestSet;
}

function sealOf(split: Sealed): SealedTestSet {
  if (!(split?.test instanceof SealedTestSet)) {
    throw new DataError('split.test', 'is not a sealed test set made by splitDataset');
  }
  return split.test;
}

function assertPromotion(promotion: TestPromotion): void {
  for (const key of ['sweepId', 'trialId'] as const) {
    if (typeof promotion?.[key] !== 'string' || promotion[key].length === 0) {
      throw new DataError(`promotion.${key}`, 'must be a non-empty string');
    }
  }
  if (!Number.isInteger(promotion.sequence) || promotion.sequence < 1) {
    throw new DataError(
      'promotion.sequence',
      `must be an integer >= 1, got ${JSON.stringify(promotion.sequence)}`,
    );
  }
}

/**
 * Opens the test set for one promotion and records it. A promotion (sweep, sequence) opens it once:
 * a second call for the same one is refused, so a duplicated promote request cannot evaluate twice
 * through the same split. Returns a copy: the sealed indices stay as they were.
 */
export function unsealTestSet(split: Sealed, promotion: TestPromotion): Int32Array {
  const seal = sealOf(split);
  assertPromotion(promotion);
  const accesses = accessesBySeal.get(seal)!;
  const previous = accesses.find(
    (access) => access.sweepId === promotion.sweepId && access.sequence === promotion.sequence,
  );
  if (previous) {
    throw new DataError(
      'promotion.sequence',
      `promotion ${promotion.sequence} of sweep ${promotion.sweepId} already opened the test set ` +
        `(trial ${previous.trialId} at ${previous.at})`,
    );
  }
  accesses.push({
    sweepId: promotion.sweepId,
    trialId: promotion.trialId,
    sequence: promotion.sequence,
    at: new Date().toISOString(),
  });
  return indicesBySeal.get(seal)!.slice();
}

/** Every opening of this split's test set, oldest first. */
export function testSetAccesses(split: Sealed): TestSetAccess[] {
  return accessesBySeal.get(sealOf(split))!.map((access) => ({ ...access }));
}

/**
 * For this package's own aggregate checks (hash, leakage warnings) that report counts, never rows.
 * Not exported from the package entry point.
 */
export function sealedIndices(seal: SealedTestSet): Int32Array {
  return indicesBySeal.get(seal)!;
}
