import type { Dataset, MissingPolicy, MissingReport, Task } from './dataset.js';
import { DataError } from './errors.js';

export type Cell = string | number | boolean | null | undefined;

/** Rows of named columns, stored by column: every step below works one column at a time. */
export interface Table {
  columns: string[];
  /** Column name -> its cells, one per row. */
  cells: Map<string, Cell[]>;
  rows: number;
}

export interface TableOptions {
  name: string;
  target: string;
  task: Task;
  missing?: MissingPolicy;
  exclude?: string[];
}

/** Spellings of "no value" in CSV and JSON exports (R writes NA, pandas NaN, UCI files '?'). */
const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']);

/** One-hot encoding beyond this many values is almost always an identifier, a date or free text. */
export const MAX_CATEGORIES = 100;

/** How many row numbers an error message lists before "...". */
const ROWS_SHOWN = 10;

/** The longest missing-value token: a longer cell without outer spaces is never missing. */
const LONGEST_TOKEN = 4;

function isMissing(value: Cell): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value !== 'string') return false;
  // Fast path for the common case, a long value without outer spaces (most numbers in a CSV).
  if (
    value.length > LONGEST_TOKEN &&
    value.charCodeAt(0) > 32 &&
    value.charCodeAt(value.length - 1) > 32
  ) {
    return false;
  }
  return MISSING_TOKENS.has(value.trim());
}

/** The number a cell holds, or NaN when it holds none. */
function toNumber(value: Cell): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  // Number() ignores outer spaces but reads a blank string as 0.
  const number = Number(value);
  return number === 0 && value.trim() === '' ? NaN : number;
}

/** The category (or class label) a cell stands for; spaces around it are formatting, not data. */
function category(value: Cell): string {
  return String(value).trim();
}

function compareLabels(a: string, b: string): number {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function listRows(rows: number[]): string {
  const shown = rows.slice(0, ROWS_SHOWN).join(', ');
  return rows.length > ROWS_SHOWN ? `${shown}, ... (${rows.length} rows)` : shown;
}

/** A column of the kept rows, parsed once: numbers (NaN = missing) or category codes (-1 = missing). */
type Parsed =
  | { kind: 'numeric'; numbers: Float64Array }
  | { kind: 'categorical'; categories: string[]; codes: Int32Array };

function parseColumn(cells: Cell[], missing: Uint8Array, keep: Int32Array): Parsed {
  const numbers = new Float64Array(keep.length);
  let numeric = true;
  for (let k = 0; k < keep.length && numeric; k++) {
    const r = keep[k];
    numbers[k] = missing[r] ? NaN : toNumber(cells[r]);
    numeric = missing[r] === 1 || Number.isFinite(numbers[k]);
  }
  if (numeric) return { kind: 'numeric', numbers };
  const labels = Array.from(keep, (r) => (missing[r] ? undefined : category(cells[r])));
  const categories = [...new Set(labels.filter((label) => label !== undefined))].sort(
    compareLabels,
  );
  const index = new Map(categories.map((label, code) => [label, code]));
  const codes = Int32Array.from(labels, (label) => (label === undefined ? -1 : index.get(label)!));
  return { kind: 'categorical', categories, codes };
}

/**
 * Fills a column's missing values in place with the mean (numeric) or the most frequent value
 * (categorical; ties to the value that sorts first), over the kept rows. Returns how many it filled.
 */
function impute(parsed: Parsed): number {
  if (parsed.kind === 'numeric') {
    let sum = 0;
    let present = 0;
    for (const value of parsed.numbers) {
      if (!Number.isNaN(value)) {
        sum += value;
        present++;
      }
    }
    const mean = sum / present;
    let filled = 0;
    parsed.numbers.forEach((value, k) => {
      if (Number.isNaN(value)) {
        parsed.numbers[k] = mean;
        filled++;
      }
    });
    return filled;
  }
  const counts = new Int32Array(parsed.categories.length);
  for (const code of parsed.codes) if (code >= 0) counts[code]++;
  const mode = counts.indexOf(Math.max(...counts));
  let filled = 0;
  parsed.codes.forEach((code, k) => {
    if (code < 0) {
      parsed.codes[k] = mode;
      filled++;
    }
  });
  return filled;
}

function countPresent(parsed: Parsed): number {
  let present = 0;
  if (parsed.kind === 'numeric')
    for (const value of parsed.numbers) present += Number.isNaN(value) ? 0 : 1;
  else for (const code of parsed.codes) present += code >= 0 ? 1 : 0;
  return present;
}

interface Kept {
  /** Source rows kept, ascending. */
  keep: Int32Array;
  /** Column name -> 1 where the row has no value. */
  missing: Map<string, Uint8Array>;
  report?: MissingReport;
}

/**
 * Handles missing values as the caller chose, or refuses when they did not choose. A row missing
 * its target is dropped under either policy: imputing a label would invent ground truth.
 */
function resolveMissing(
  table: Table,
  target: string,
  features: string[],
  policy?: MissingPolicy,
): Kept {
  const rowHasMissing = new Uint8Array(table.rows);
  const missing = new Map<string, Uint8Array>();
  const byColumn: string[] = [];
  for (const name of [...features, target]) {
    const mask = Uint8Array.from(table.cells.get(name)!, (value) => (isMissing(value) ? 1 : 0));
    let count = 0;
    mask.forEach((flag, r) => {
      rowHasMissing[r] |= flag;
      count += flag;
    });
    if (count > 0) byColumn.push(`'${name}' (${count})`);
    missing.set(name, mask);
  }
  const missingRows = [...rowHasMissing.keys()].filter((r) => rowHasMissing[r] === 1);
  const all = Int32Array.from({ length: table.rows }, (_, r) => r);
  if (missingRows.length === 0) return { keep: all, missing };
  if (policy === undefined) {
    throw new DataError(
      'dataset.missing',
      `${missingRows.length} of ${table.rows} rows have missing values (rows ${listRows(missingRows.map((r) => r + 1))}; ` +
        `columns ${byColumn.join(', ')}): set dataset.missing to "drop" or "impute"`,
    );
  }
  const targetMissing = missing.get(target)!;
  const dropped =
    policy === 'drop' ? missingRows : missingRows.filter((r) => targetMissing[r] === 1);
  const droppedSet = new Set(dropped);
  const keep = all.filter((r) => !droppedSet.has(r));
  if (keep.length === 0) throw new DataError('dataset.missing', 'no rows are left after dropping');
  return { keep, missing, report: { policy, droppedRows: dropped.map((r) => r + 1), imputed: {} } };
}

function encodeTarget(
  cells: Cell[],
  kept: Kept,
  options: TableOptions,
): { y: Float32Array; classNames?: string[] } {
  const { keep } = kept;
  const parsed = parseColumn(cells, kept.missing.get(options.target)!, keep);
  if (options.task === 'regression') {
    if (parsed.kind === 'categorical') {
      const bad = keep.find((r) => !Number.isFinite(toNumber(cells[r])))!;
      throw new DataError(
        'dataset.target',
        `column '${options.target}' must be numeric for regression; row ${bad + 1} holds a non-numeric value`,
      );
    }
    return { y: Float32Array.from(parsed.numbers) };
  }
  // Class labels are categories even when they are written as numbers.
  const labels = Array.from(keep, (r) => category(cells[r]));
  const classNames = [...new Set(labels)].sort(compareLabels);
  if (classNames.length < 2) {
    throw new DataError(
      'dataset.target',
      `column '${options.target}' needs at least 2 classes, has ${classNames.length}`,
    );
  }
  const index = new Map(classNames.map((label, i) => [label, i]));
  return { y: Float32Array.from(labels, (label) => index.get(label)!), classNames };
}

function assertColumns(table: Table, options: TableOptions): string[] {
  const known = `columns: ${table.columns.join(', ')}`;
  if (!table.columns.includes(options.target)) {
    throw new DataError('dataset.target', `column '${options.target}' not found; ${known}`);
  }
  for (const name of options.exclude ?? []) {
    if (!table.columns.includes(name)) {
      throw new DataError('dataset.exclude', `column '${name}' not found; ${known}`);
    }
  }
  const excluded = new Set([options.target, ...(options.exclude ?? [])]);
  const features = table.columns.filter((name) => !excluded.has(name));
  if (features.length === 0) throw new DataError('dataset.exclude', 'no feature columns are left');
  if (table.rows === 0) throw new DataError('dataset.path', 'the file has no rows');
  return features;
}

function parseFeature(table: Table, name: string, kept: Kept): Parsed {
  const parsed = parseColumn(table.cells.get(name)!, kept.missing.get(name)!, kept.keep);
  if (countPresent(parsed) === 0) {
    throw new DataError('dataset.exclude', `column '${name}' has no values: exclude it`);
  }
  if (parsed.kind === 'categorical' && parsed.categories.length > MAX_CATEGORIES) {
    const count = parsed.categories.length;
    throw new DataError(
      'dataset.exclude',
      `column '${name}' has ${count} distinct non-numeric values; one-hot encoding ` +
        `would add ${count} features (limit ${MAX_CATEGORIES}): add it to dataset.exclude`,
    );
  }
  return parsed;
}

/**
 * Turns a table into a Dataset: numeric columns become features, categorical ones are one-hot
 * encoded (`column=value`), missing values are dropped or imputed as chosen and reported.
 * Imputation uses all kept rows, before any split.
 */
export function tableToDataset(table: Table, options: TableOptions): Dataset {
  const featureColumns = assertColumns(table, options);
  const kept = resolveMissing(table, options.target, featureColumns, options.missing);
  const { keep, report } = kept;
  const parsed = featureColumns.map((name) => parseFeature(table, name, kept));
  if (report?.policy === 'impute') {
    parsed.forEach((column, c) => {
      if (countPresent(column) < keep.length) report.imputed[featureColumns[c]] = impute(column);
    });
  }
  const featureNames = parsed.flatMap((column, c) =>
    column.kind === 'categorical'
      ? column.categories.map((label) => `${featureColumns[c]}=${label}`)
      : [featureColumns[c]],
  );
  const features = featureNames.length;
  const x = new Float32Array(keep.length * features);
  let offset = 0;
  for (const column of parsed) {
    for (let k = 0; k < keep.length; k++) {
      if (column.kind === 'numeric') x[k * features + offset] = column.numbers[k];
      else x[k * features + offset + column.codes[k]] = 1;
    }
    offset += column.kind === 'numeric' ? 1 : column.categories.length;
  }
  const { y, classNames } = encodeTarget(table.cells.get(options.target)!, kept, options);
  return {
    name: options.name,
    task: options.task,
    n: keep.length,
    features,
    classes: classNames?.length ?? 0,
    x,
    y,
    featureNames,
    ...(classNames && { classNames }),
    target: options.target,
    ...(report && { missing: report }),
  };
}
