import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';
import { DataError } from './errors.js';
import type { Split } from './split.js';
import { sealedIndices } from './test-set-guard.js';

export type SplitWarningCode =
  'small_validation' | 'class_missing' | 'duplicate_rows' | 'over_tuned_validation';

export interface SplitWarning {
  code: SplitWarningCode;
  message: string;
}

/**
 * Below this many validation samples one sample moves accuracy by more than 0.33 points and the
 * standard error of an accuracy near 90% exceeds 1.7 points: rankings between close trials are noise.
 */
export const MIN_VALIDATION_SAMPLES = 300;

/** Relative gap between validation and test scores that counts as "far" (5%). */
export const OVER_TUNING_TOLERANCE = 0.05;

type Part = 'train' | 'validation' | 'test';
const PARTS: Part[] = ['train', 'validation', 'test'];

function partsOf(split: Split): Record<Part, Int32Array> {
  return { train: split.train, validation: split.validation, test: sealedIndices(split.test) };
}

function classMissing(ds: Dataset, parts: Record<Part, Int32Array>): SplitWarning[] {
  if (ds.task !== 'classification') return [];
  const present = new Set<number>();
  for (let i = 0; i < ds.n; i++) present.add(ds.y[i]);
  return PARTS.flatMap((part) => {
    if (parts[part].length === 0) return [];
    const seen = new Set<number>();
    for (const i of parts[part]) seen.add(ds.y[i]);
    const missing = [...present].filter((label) => !seen.has(label)).sort((a, b) => a - b);
    if (missing.length === 0) return [];
    const names = missing.map((label) => ds.classNames?.[label] ?? String(label));
    return [
      {
        code: 'class_missing' as const,
        message:
          `the ${part} split has no sample of class ${names.join(', ')}: its scores say nothing ` +
          'about those classes (stratify the split or gather more samples)',
      },
    ];
  });
}

function rowHash(ds: Dataset, i: number): string {
  const row = ds.x.subarray(i * ds.features, (i + 1) * ds.features);
  return createHash('sha1')
    .update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
    .digest('hex');
}

/** Samples whose features equal a sample's in another split: the model is scored on rows it trained on. */
function duplicateRows(ds: Dataset, parts: Record<Part, Int32Array>): SplitWarning[] {
  const firstPart = new Map<string, Part>();
  const pairs = new Map<string, number>();
  for (const part of PARTS) {
    const seenHere = new Set<string>();
    for (const i of parts[part]) {
      const hash = rowHash(ds, i);
      const earlier = firstPart.get(hash);
      if (earlier === undefined) firstPart.set(hash, part);
      else if (earlier !== part && !seenHere.has(hash)) {
        const key = `${earlier}/${part}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
      seenHere.add(hash);
    }
  }
  return [...pairs].map(([key, count]) => {
    const [earlier, later] = key.split('/');
    return {
      code: 'duplicate_rows' as const,
      message:
        `${count} ${later} row${count === 1 ? '' : 's'} also appear${count === 1 ? 's' : ''} in the ${earlier} ` +
        `split (identical features): leakage inflates the ${later} score; de-duplicate the data first`,
    };
  });
}

/**
 * The textbook pitfalls of a split, checked without revealing test rows: a small validation set,
 * a class absent from a split, and the same row in two splits.
 */
export function splitWarnings(ds: Dataset, split: Split): SplitWarning[] {
  const parts = partsOf(split);
  const warnings: SplitWarning[] = [];
  if (split.validation.length < MIN_VALIDATION_SAMPLES) {
    warnings.push({
      code: 'small_validation',
      message:
        `the validation split has ${split.validation.length} samples (< ${MIN_VALIDATION_SAMPLES}): ` +
        'differences between trials may be noise; consider k-fold cross-validation',
    });
  }
  return [...warnings, ...classMissing(ds, parts), ...duplicateRows(ds, parts)];
}

/**
 * After a promotion: warns when the validation score is far better than the test score, the sign
 * that the sweep tuned to its validation set. "Far" is a relative gap above `tolerance`.
 */
export function overTuningWarning(
  valScore: number,
  testScore: number,
  direction: 'maximize' | 'minimize',
  tolerance = OVER_TUNING_TOLERANCE,
): SplitWarning | null {
  if (direction !== 'maximize' && direction !== 'minimize') {
    throw new DataError(
      'direction',
      `must be 'maximize' or 'minimize', got ${JSON.stringify(direction)}`,
    );
  }
  const better = direction === 'maximize' ? valScore - testScore : testScore - valScore;
  const scale = Math.max(Math.abs(testScore), Math.abs(valScore), Number.EPSILON);
  if (!(better / scale > tolerance)) return null;
  return {
    code: 'over_tuned_validation',
    message:
      `validation score ${valScore} is ${((100 * better) / scale).toFixed(1)}% better than the test score ` +
      `${testScore}: the search has likely over-fitted the validation set`,
  };
}
