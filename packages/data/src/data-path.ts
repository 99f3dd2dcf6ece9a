import { isAbsolute } from 'node:path';

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
