#!/usr/bin/env node
// The `sweepwise` command. In this repository (`pnpm sweepwise ...` from the root) it first builds
// what changed, quietly: turbo's output is shown only when the build fails, and stderr gets one
// line only when a build takes a while, so stdout carries only the command's own output (a
// benchmark's JSON lines pipe as they are). pnpm runs a dependency's bin without the "> script"
// banner it prints on stdout for package scripts, which is why this is a bin.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A build slower than this says so (a no-change check takes about a second). */
const BUILD_NOTICE_MS = 10_000;

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const turbo = join(root, 'node_modules/.bin/turbo');
if (existsSync(join(root, 'turbo.json')) && existsSync(turbo)) {
  const build = spawn(
    turbo,
    // agent starts the worker's bin: it is built too
    [
      'run',
      'build',
      '--filter=@sweepwise/cli...',
      '--filter=@sweepwise/worker...',
      '--output-logs=errors-only',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    },
  );
  let output = '';
  build.stdout.on('data', (chunk) => (output += chunk));
  build.stderr.on('data', (chunk) => (output += chunk));
  const notice = setTimeout(
    () => process.stderr.write('sweepwise: building what changed since the last run...\n'),
    BUILD_NOTICE_MS,
  );
  const code = await new Promise((resolve) => {
    build.once('error', (err) => {
      output += `${err.message}\n`;
      resolve(1);
    });
    build.once('close', (status) => resolve(status ?? 1));
  });
  clearTimeout(notice);
  if (code !== 0) {
    process.stderr.write(output);
    process.exit(code);
  }
}
await import('../dist/main.js');
