#!/usr/bin/env bash
# Runs the Prisma CLI with the offline Wasm schema engine (prisma.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
# The CLI checks that a native engine file exists before reading the config; with engine "js"
# it never runs it, so any existing file will do.
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/prisma/schema.prisma}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sweepwise}"
exec pnpm exec prisma "$@"
