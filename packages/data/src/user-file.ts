import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { parseCsv } from './csv.js';
import { dataPathProblem, type DataFiles } from './data-files.js';
import type { Dataset, FileDatasetSpec } from './dataset.js';
import { DataError } from './errors.js';
import { tableToDataset, type Cell, type Table } from './tabular.js';

const TASKS = ['classification', 'regression'];
const MISSING_POLICIES = ['drop', 'impute'];

function assertFileSpec(spec: FileDatasetSpec): void {
  if (typeof spec.path !== 'string' || spec.path.length === 0) {
    throw new DataError('dataset.path', 'must be a non-empty string');
  }
  const problem = dataPathProblem(spec.path);
  if (problem) throw new DataError('dataset.path', problem);
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

/**
 * A JSON file holding an array of flat objects, one per row; a key absent from a row is missing
 * there. A syntax error says where, never what: V8's messages quote the text around it.
 */
export function parseJsonTable(text: string): Table {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    throw new DataError(
      'dataset.path',
      `is not valid JSON${at ? ` (${lineAndColumn(text, Number(at[1]))})` : ''}`,
    );
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

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/**
 * The file's real path (symlinks resolved), refused unless it is inside the data root, is a
 * file and is at most `files.maxBytes`.
 */
function dataFilePath(path: string, files: DataFiles): string {
  let root: string;
  try {
    root = realpathSync(files.root);
  } catch {
    throw new DataError(
      'dataset.path',
      `the data root ${files.root} does not exist (SWEEPWISE_DATA_DIR): create it and put the file there`,
    );
  }
  let real: string;
  try {
    real = realpathSync(resolve(root, path));
  } catch {
    throw new DataError('dataset.path', `no file at ${path} in the data root ${files.root}`);
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new DataError(
      'dataset.path',
      `${path} leads outside the data root ${files.root} (a symbolic link): refused`,
    );
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw new DataError('dataset.path', `${path} is not a file`);
  if (stat.size > files.maxBytes) {
    throw new DataError(
      'dataset.path',
      `${path} is ${stat.size} bytes, over the limit of ${files.maxBytes} (SWEEPWISE_MAX_DATA_FILE_BYTES)`,
    );
  }
  return real;
}

/**
 * A user's CSV or JSON file, `spec.path` relative to the data root. Errors name the file, line,
 * column and reason, and quote no cell: trial errors are readable by anyone who sees the sweep.
 */
export function loadFileDataset(spec: FileDatasetSpec, files: DataFiles | undefined): Dataset {
  assertFileSpec(spec);
  if (!files) {
    throw new DataError(
      'dataset.path',
      'this caller reads no data files (it was given no data root)',
    );
  }
  const path = dataFilePath(spec.path, files);
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
