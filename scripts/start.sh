#!/usr/bin/env bash
# `npm start`: set up, then run the dashboard and the workers until Ctrl-C.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sweepwise}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
PORT="${PORT:-3000}"
HOST="${SWEEPWISE_HOST:-127.0.0.1}"
# The web server checks its Host allow-list and SWEEPWISE_AUTH against the address it binds.
export SWEEPWISE_HOST="$HOST"
# Creates the API token in the state file on a first start (unless SWEEPWISE_API_TOKEN is set),
# refuses SWEEPWISE_AUTH=off on a non-loopback bind, and mints a one-time login link.
LOGIN_URL=$(node --import tsx apps/web/scripts/login-link.ts "$PORT")

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Commands in sweep files name their scripts relative to the repository root (see codeDir).
export SWEEPWISE_CODE_DIR="${SWEEPWISE_CODE_DIR:-$PWD}"
# The local worker runs your sweeps' commands (workers elsewhere do only with --allow-commands).
(cd apps/worker && exec node dist/main.js --allow-commands) &
pids+=($!)
(cd apps/web && exec pnpm exec next start --hostname "$HOST" --port "$PORT") &
pids+=($!)

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null && break
  sleep 0.3
done
echo
echo "Sweepwise dashboard: ${LOGIN_URL%%/api/auth/*}"
if [ "$LOGIN_URL" != "${LOGIN_URL%%/api/auth/*}" ]; then
  echo "Sign in this browser with the one-time link: $LOGIN_URL"
  echo "(API token for the CLI, SDK and other browsers: \$SWEEPWISE_API_TOKEN if set, else apiToken" \
    "in ${SWEEPWISE_STATE_DIR:-~/.sweepwise}/state.json)"
fi
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}"
