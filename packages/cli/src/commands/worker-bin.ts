import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `sweepwise-worker` command that `agent` starts (the worker's bin; the CLI never imports the
 * worker): SWEEPWISE_WORKER_BIN when set, else the one installed in a node_modules/.bin above this
 * file (in this repository the root package depends on @sweepwise/worker), else `sweepwise-worker`
 * on PATH.
 */
export function workerBin(
  env: NodeJS.ProcessEnv = process.env,
  from: string = fileURLToPath(import.meta.url),
): string {
  if (env.SWEEPWISE_WORKER_BIN) return env.SWEEPWISE_WORKER_BIN;
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules/.bin/sweepwise-worker');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) return 'sweepwise-worker';
  }
}
