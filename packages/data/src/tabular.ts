import type { Dataset, MissingPolicy, MissingReport, Task } from './dataset.js';
import { DataError } from './errors.js';

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface Table {
  columns: string[];
  rows: Row[];
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

function isMissing(value: Cell): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return typeof value === 'string' && MISSING_TOKENS.has(value.trim());
}

function toNumber(value: Cell): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

function compareLabels(a: string, b: string): number {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Column {
  name: string;
  /** Sorted distinct values of a categorical column; undefined for a numeric one. */
  categories?: string[];
}

function describeColumn(name: string, rows: Row[]): Column {
  const present = rows.map((row) => row[name]).filter((value) => !isMissing(value));
  if (present.length === 0) {
    throw new DataError('dataset.exclude', `column '${name}' has no values: exclude it`);
  }
  if (present.every((value) => toNumber(value) !== undefined)) return { name };
  const categories = [...new Set(present.map(String))].sort(compareLabels);
  if (categories.length > MAX_CATEGORIES) {
    throw new DataError(
      'dataset.exclude',
      `column '${name}' has ${categories.length} distinct non-numeric values; one-hot encoding ` +
        `would add ${categories.length} features (limit ${MAX_CATEGORIES}): add it to dataset.exclude`,
    );
  }
  return { name, categories };
}

function listRows(rows: number[]): string {
  const shown = rows.slice(0, ROWS_SHOWN).join(', ');
  return rows.length > ROWS_SHOWN ? `${shown}, ... (${rows.length} rows)` : shown;
}

/** Rows (1-based) with a missing value, and how many values each column misses. */
function findMissing(
  rows: Row[],
  columns: string[],
): { rows: number[]; byColumn: Map<string, number> } {
  const missingRows: number[] = [];
  const byColumn = new Map<string, number>();
  rows.forEach((row, r) => {
    let any = false;
    for (const name of columns) {
      if (isMissing(row[name])) {
        byColumn.set(name, (byColumn.get(name) ?? 0) + 1);
        any = true;
      }
    }
    if (any) missingRows.push(r + 1);
  });
  return { rows: missingRows, byColumn };
}

function mode(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  // Ties go to the value that sorts first, so imputation does not depend on row order.
  return [...counts].sort((a, b) => b[1] - a[1] || compareLabels(a[0], b[0]))[0][0];
}

/**
 * Fills missing feature values: numeric columns with the mean, categorical ones with the most
 * frequent value, both over all kept rows (before any split). Returns the rows and counts.
 */
function impute(rows: Row[], features: string[]): { rows: Row[]; imputed: Record<string, number> } {
  const imputed: Record<string, number> = {};
  const fills = new Map<string, Cell>();
  for (const name of features) {
    const present = rows.map((row) => row[name]).filter((value) => !isMissing(value));
    const missing = rows.length - present.length;
    if (missing === 0) continue;
    imputed[name] = missing;
    const numbers = present.map(toNumber);
    fills.set(
      name,
      numbers.every((value) => value !== undefined)
        ? (numbers as number[]).reduce((sum, value) => sum + value, 0) / numbers.length
        : mode(present.map(String)),
    );
  }
  const filled = rows.map((row) => {
    const copy = { ...row };
    for (const [name, fill] of fills) if (isMissing(copy[name])) copy[name] = fill;
    return copy;
  });
  return { rows: filled, imputed };
}

/**
 * Handles missing values as the caller chose, or refuses when they did not choose. A row missing
 * its target is dropped under either policy: imputing a label would invent ground truth.
 */
function resolveMissing(
  rows: Row[],
  target: string,
  features: string[],
  policy: MissingPolicy | undefined,
): { rows: Row[]; report?: MissingReport } {
  const missing = findMissing(rows, [...features, target]);
  if (missing.rows.length === 0) return { rows };
  if (policy === undefined) {
    const columns = [...missing.byColumn].map(([name, count]) => `'${name}' (${count})`).join(', ');
    throw new DataError(
      'dataset.missing',
      `${missing.rows.length} of ${rows.length} rows have missing values (rows ${listRows(missing.rows)}; ` +
        `columns ${columns}): set dataset.missing to "drop" or "impute"`,
    );
  }
  const dropped = policy === 'drop' ? missing.rows : findMissing(rows, [target]).rows;
  const droppedSet = new Set(dropped);
  const kept = rows.filter((_, r) => !droppedSet.has(r + 1));
  if (kept.length === 0) throw new DataError('dataset.missing', 'no rows are left after dropping');
  const { rows: filled, imputed } =
    policy === 'impute' ? impute(kept, features) : { rows: kept, imputed: {} };
  return { rows: filled, report: { policy, droppedRows: dropped, imputed } };
}

function encodeTarget(
  rows: Row[],
  options: TableOptions,
): { y: Float32Array; classNames?: string[] } {
  const values = rows.map((row) => row[options.target]);
  if (options.task === 'regression') {
    const y = new Float32Array(rows.length);
    values.forEach((value, r) => {
      const number = toNumber(value);
      if (number === undefined) {
        throw new DataError(
          'dataset.target',
          `column '${options.target}' must be numeric for regression; value ${JSON.stringify(value)} is not`,
        );
      }
      y[r] = number;
    });
    return { y };
  }
  const classNames = [...new Set(values.map(String))].sort(compareLabels);
  if (classNames.length < 2) {
    throw new DataError(
      'dataset.target',
      `column '${options.target}' needs at least 2 classes, has ${classNames.length}`,
    );
  }
  const index = new Map(classNames.map((name, i) => [name, i]));
  return { y: Float32Array.from(values, (value) => index.get(String(value))!), classNames };
}

/**
 * Turns a table into a Dataset: numeric columns become features, categorical ones are one-hot
 * encoded (`column=value`), missing values are dropped or imputed as chosen and reported.
 */
export function tableToDataset(table: Table, options: TableOptions): Dataset {
  if (!table.columns.includes(options.target)) {
    throw new DataError(
      'dataset.target',
      `column '${options.target}' not found; columns: ${table.columns.join(', ')}`,
    );
  }
  for (const name of options.exclude ?? []) {
    if (!table.columns.includes(name)) {
      throw new DataError(
        'dataset.exclude',
        `column '${name}' not found; columns: ${table.columns.join(', ')}`,
      );
    }
  }
  const excluded = new Set([options.target, ...(options.exclude ?? [])]);
  const featureColumns = table.columns.filter((name) => !excluded.has(name));
  if (featureColumns.length === 0)
    throw new DataError('dataset.exclude', 'no feature columns are left');
  if (table.rows.length === 0) throw new DataError('dataset.path', 'the file has no rows');

  const { rows, report } = resolveMissing(
    table.rows,
    options.target,
    featureColumns,
    options.missing,
  );
  const columns = featureColumns.map((name) => describeColumn(name, rows));
  const featureNames = columns.flatMap((column) =>
    column.categories ? column.categories.map((value) => `${column.name}=${value}`) : [column.name],
  );
  const features = featureNames.length;
  const x = new Float32Array(rows.length * features);
  rows.forEach((row, r) => {
    let f = r * features;
    for (const column of columns) {
      if (column.categories) {
        x[f + column.categories.indexOf(String(row[column.name]))] = 1;
        f += column.categories.length;
      } else {
        x[f++] = toNumber(row[column.name])!;
      }
    }
  });
  const { y, classNames } = encodeTarget(rows, options);
  return {
    name: options.name,
    task: options.task,
    n: rows.length,
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
