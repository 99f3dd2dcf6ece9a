import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DataError } from '@sweepwise/data';

/** Where a worker reads users' data files from, and how large one may be. */
export interface DataFiles {
  /** Every `dataset.path` is taken from here, and its real path (symlinks resolved) must stay inside. */
  root: string;
  /** Bytes: a CSV's cells are held as strings while parsing, several times the file's size. */
  maxBytes: number;
}

/** 64 MiB: a 14 MB CSV parses in about half a second and holds a few hundred MB of strings meanwhile. */
export const DATA_FILE_MAX_BYTES = 64 * 2 ** 20;

/**
 * The data root and size cap an environment sets: SWEEPWISE_DATA_DIR, else `data/` under the code
 * directory (SWEEPWISE_CODE_DIR, else `cwd`); SWEEPWISE_MAX_DATA_FILE_BYTES.
 */
export function dataFilesFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): DataFiles {
  const root = env.SWEEPWISE_DATA_DIR
    ? resolve(cwd, env.SWEEPWISE_DATA_DIR)
    : resolve(cwd, env.SWEEPWISE_CODE_DIR || '.', 'data');
  const raw = env.SWEEPWISE_MAX_DATA_FILE_BYTES;
  if (raw === undefined || raw === '') return { root, maxBytes: DATA_FILE_MAX_BYTES };
  const maxBytes = Number(raw);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new DataError(
      'SWEEPWISE_MAX_DATA_FILE_BYTES',
      `must be a positive integer, got ${JSON.stringify(raw)}`,
    );
  }
  return { root, maxBytes };
}

/**
 * The text of a user's data file, `path` relative to the data root: refused unless its real path
 * (symlinks resolved) is inside the root, it is a file and it is at most `files.maxBytes`.
 */
export function readDataFile(path: string, files: DataFiles): string {
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
  return readFileSync(real, 'utf8');
}
