#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start` (against a separate test database), then every check:
# lint, format, package boundaries, types, unit + integration tests (real Postgres and Redis),
# and the Playwright specs in Debian's Chromium.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."
export DATABASE_URL="${SWEEPWISE_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sweepwise_test}"
export REDIS_URL="${SWEEPWISE_TEST_REDIS_URL:-${REDIS_URL:-redis://127.0.0.1:6379}}"
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/prisma/schema.prisma}"

if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test: installing Chromium from apt for the Playwright specs" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: Chromium is missing; install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

# The Python package's tests install it into a virtual environment, with Debian's setuptools as the
# build backend (no Python package index here): python3-venv and python3-setuptools.
if ! /usr/bin/python3 -c 'import ensurepip, setuptools' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test: installing python3-venv and python3-setuptools from apt for the Python package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-setuptools >/dev/null
  else
    echo "test: the Python package's tests need: sudo apt-get install python3-venv python3-setuptools" >&2
    exit 1
  fi
fi

bash scripts/setup.sh

step() { echo; echo "==> $*"; }
step "lint";        pnpm exec eslint . --max-warnings 0
step "format";      pnpm exec prettier --check . --log-level warn
step "boundaries";  node scripts/check-boundaries.mjs
step "types";       pnpm exec turbo run typecheck --output-logs=errors-only
log=$(mktemp)
step "unit and integration tests"
pnpm exec turbo run test --concurrency=1 --output-logs=full --filter='!@sweepwise/e2e' 2>&1 | tee "$log"
step "browser tests (Playwright, Chromium)"
pnpm --filter @sweepwise/e2e test 2>&1 | tee -a "$log"
node scripts/test-summary.mjs "$log"
rm -f "$log"
