import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseCsv } from './csv.js';
import type { Dataset, FileDatasetSpec } from './dataset.js';
import { DataError } from './errors.js';
import { tableToDataset, type Cell, type Table } from './tabular.js';

const TASKS = ['classification', 'regression'];
const MISSING_POLICIES = ['drop', 'impute'];

function assertFileSpec(spec: FileDatasetSpec): void {
  if (typeof spec.path !== 'string' || spec.path.length === 0) {
    throw new DataError('dataset.path', 'must be a non-empty string');
  }
  if (typeof spec.target !== 'string' || spec.target.length === 0) {
    throw new DataError('dataset.target', 'must name the target column');
  }
  if (!TASKS.includes(spec.task)) {
    throw new DataError(
      'dataset.task',
      `must be one of ${TASKS.join(', ')}, got ${JSON.stringify(spec.task)}`,
    );
  }
  if (spec.missing !== undefined && !MISSING_POLICIES.includes(spec.missing)) {
    throw new DataError(
      'dataset.missing',
      `must be one of ${MISSING_POLICIES.join(', ')}, got ${JSON.stringify(spec.missing)}`,
    );
  }
  if (
    spec.exclude !== undefined &&
    !(Array.isArray(spec.exclude) && spec.exclude.every((c) => typeof c === 'string'))
  ) {
    throw new DataError('dataset.exclude', 'must be an array of column names');
  }
}

/** A JSON file holding an array of flat objects, one per row; a key absent from a row is missing there. */
export function parseJsonTable(text: string): Table {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError('dataset.path', `is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) {
    throw new DataError('dataset.path', 'a JSON data file must hold an array of row objects');
  }
  const cells = new Map<string, Cell[]>();
  parsed.forEach((row: unknown, r) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new DataError('dataset.path', `row ${r + 1} is not an object`);
    }
    for (const [name, value] of Object.entries(row)) {
      if (typeof value === 'object' && value !== null) {
        throw new DataError('dataset.path', `row ${r + 1}, column '${name}' holds a nested value`);
      }
      if (!cells.has(name)) cells.set(name, new Array<Cell>(parsed.length).fill(undefined));
      cells.get(name)![r] = value as Cell;
    }
  });
  return { columns: [...cells.keys()], cells, rows: parsed.length };
}

/** A user's CSV or JSON file; a relative path is taken from `baseDir` (default: the working directory). */
export function loadFileDataset(spec: FileDatasetSpec, baseDir = process.cwd()): Dataset {
  assertFileSpec(spec);
  const path = resolve(baseDir, spec.path);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new DataError('dataset.path', `no file at ${path}`);
  const format = extname(path).toLowerCase();
  if (format !== '.csv' && format !== '.json') {
    throw new DataError(
      'dataset.path',
      `must end in .csv or .json, got '${format || 'no extension'}'`,
    );
  }
  const text = readFileSync(path, 'utf8');
  const table = format === '.csv' ? parseCsv(text) : parseJsonTable(text);
  return tableToDataset(table, {
    name: spec.path,
    target: spec.target,
    task: spec.task,
    missing: spec.missing,
    exclude: spec.exclude,
  });
}
