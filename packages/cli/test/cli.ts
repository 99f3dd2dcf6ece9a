import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Runs the built `sweepwise` command from the repository root, as a user would. */
export function sweepwise(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 110_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
