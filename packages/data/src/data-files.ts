import { isAbsolute, resolve } from 'node:path';
import { DataError } from './errors.js';

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
 * The data root and size cap an environment sets (the caller passes its env and working
 * directory: this package reads no globals): SWEEPWISE_DATA_DIR, else `data/` under the code
 * directory (SWEEPWISE_CODE_DIR, else `cwd`); SWEEPWISE_MAX_DATA_FILE_BYTES.
 */
export function dataFilesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
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
 * Why a `dataset.path` can never be inside the data root, or null: it is absolute, or it climbs
 * out with a `..` segment. Looks at the text only, so sweep creation checks it without any file.
 */
export function dataPathProblem(path: string): string | null {
  if (path.includes('\0')) return 'must not contain a NUL character';
  if (isAbsolute(path) || /^[a-zA-Z]:|^[\\/]/.test(path))
    return 'must be relative to the data root (SWEEPWISE_DATA_DIR), not absolute';
  if (path.split(/[\\/]/).includes('..'))
    return "must not contain '..': files are read from inside the data root (SWEEPWISE_DATA_DIR) only";
  return null;
}
