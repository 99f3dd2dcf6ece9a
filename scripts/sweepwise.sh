#!/usr/bin/env bash
# `pnpm sweepwise <args>`: builds what changed (quietly, to stderr) and runs the CLI, so that
# stdout carries only the command's own output (benchmarks print JSON lines there).
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && pnpm exec turbo run build --filter=@sweepwise/cli... --output-logs=errors-only >&2)
exec node "$root/packages/cli/dist/main.js" "$@"
