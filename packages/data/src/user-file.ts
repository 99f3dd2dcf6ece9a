import { extname } from 'node:path';
import { parseCsv } from './csv.js';
import { dataPathProblem } from './data-path.js';
import type { DatasetSource } from './dataset-source.js';
import type { Dataset, FileDatasetSpec } from './dataset.js';
import { DataError } from './errors.js';
import { parseJsonTable } from './json-table.js';
import { tableToDataset } from './tabular.js';

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
 * A user's CSV or JSON file, `spec.path` relative to the data root, read by `source`. Errors name
 * the file, line, column and reason, and quote no cell: trial errors are readable by anyone who
 * sees the sweep.
 */
export function loadFileDataset(spec: FileDatasetSpec, source: DatasetSource): Dataset {
  assertFileSpec(spec);
  if (!source.dataFile) {
    throw new DataError(
      'dataset.path',
      'this caller reads no data files (it was given no data root)',
    );
  }
  const format = extname(spec.path).toLowerCase();
  if (format !== '.csv' && format !== '.json') {
    throw new DataError(
      'dataset.path',
      `must end in .csv or .json, got '${format || 'no extension'}'`,
    );
  }
  const text = source.dataFile(spec.path);
  const table = format === '.csv' ? parseCsv(text) : parseJsonTable(text);
  return tableToDataset(table, {
    name: spec.path,
    target: spec.target,
    task: spec.task,
    missing: spec.missing,
    exclude: spec.exclude,
  });
}
