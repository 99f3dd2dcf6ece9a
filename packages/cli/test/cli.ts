import { execFile, spawnSync } from 'node:child_process';
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

/**
 * The same, without blocking: a test that runs many commands keeps vitest's worker answering (a
 * long run of spawnSync calls times out its RPC).
 */
export function sweepwiseAsync(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 110_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}
