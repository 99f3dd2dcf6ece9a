#!/usr/bin/env bash
# Everything `npm start` and `npm test` need on a fresh machine: pnpm, dependencies, services,
# migrations, build. Idempotent; fast when nothing changed.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null || [ "$(pnpm -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION" >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION"
fi

echo "setup: installing dependencies" >&2
CI=true pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^(Progress|Packages:|\+{3,})' >&2 || true
test -d node_modules/.pnpm || { echo "setup: pnpm install failed" >&2; exit 1; }

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sweepwise}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
bash scripts/services.sh

echo "setup: applying migrations to $(node -e 'const u=new URL(process.argv[1]);console.log(u.host+u.pathname)' "$DATABASE_URL")" >&2
bash scripts/prisma.sh migrate deploy >/dev/null

echo "setup: building" >&2
pnpm exec turbo run build --output-logs=errors-only >&2
