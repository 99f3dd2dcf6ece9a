#!/usr/bin/env node
// The `sweepwise` command. In this repository (`pnpm sweepwise ...` from the root) it first builds
// what changed, its output sent to stderr, so stdout carries only the command's own output: a
// benchmark's JSON lines can be piped as they are. pnpm runs a dependency's bin without the
// "> script" banner it prints on stdout for package scripts, which is why this is a bin.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const turbo = join(root, 'node_modules/.bin/turbo');
if (existsSync(join(root, 'turbo.json')) && existsSync(turbo)) {
  const build = spawnSync(
    turbo,
    ['run', 'build', '--filter=@sweepwise/cli...', '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import('../dist/main.js');
