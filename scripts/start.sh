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

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Commands in sweep files name their scripts relative to the repository root (see codeDir).
export SWEEPWISE_CODE_DIR="${SWEEPWISE_CODE_DIR:-$PWD}"
(cd apps/worker && exec node dist/main.js) &
pids+=($!)
(cd apps/web && exec pnpm exec next start --hostname "$HOST" --port "$PORT") &
pids+=($!)

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null && break
  sleep 0.3
done
echo
echo "Sweepwise dashboard: http://$HOST:$PORT"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}"
