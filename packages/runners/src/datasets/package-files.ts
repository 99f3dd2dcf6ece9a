import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The folder of an installed npm package. vega-datasets' `exports` map hides its data files and
 * its package.json from require, so resolve the entry point and walk up to the package root.
 */
function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(join('node_modules', name))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the npm package ${name}`);
    dir = parent;
  }
  return dir;
}

/** The text of a file shipped inside an installed npm package. */
export function readPackageFile(name: string, path: string): string {
  return readFileSync(join(packageRoot(name), path), 'utf8');
}
