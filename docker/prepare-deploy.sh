#!/usr/bin/env bash
# Completes a `pnpm deploy --prod` copy of an app (run by the Dockerfiles' build stage; by hand:
# `bash docker/prepare-deploy.sh <repository> <app dir> <deployed copy>`). A deploy installs the
# app's production dependencies afresh, so two things made at build time must be carried over:
# - the generated Prisma client, which lives beside @prisma/client in pnpm's store;
# - Next.js's links to its server external packages (`.next/node_modules`), which point into the
#   repository's store and which deploy leaves out.
set -euo pipefail
repo=$(cd "$1" && pwd)
app=$(cd "$2" && pwd)
out=$(cd "$3" && pwd)

client=("$repo"/node_modules/.pnpm/@prisma+client@*/node_modules/.prisma)
target=("$out"/node_modules/.pnpm/@prisma+client@*/node_modules)
if [ "${#client[@]}" -ne 1 ] || [ ! -d "${client[0]}" ] || [ "${#target[@]}" -ne 1 ]; then
  echo "prepare-deploy: expected one generated Prisma client and one @prisma/client" >&2
  exit 1
fi
cp -r "${client[0]}" "${target[0]}/"

if [ -d "$app/.next/node_modules" ]; then
  rm -rf "$out/.next/node_modules" "$out/.next/cache"
  (cd "$app/.next/node_modules" && find . -type l) | while read -r link; do
    real=$(readlink -f "$app/.next/node_modules/$link")
    dest="$out/node_modules/.pnpm/${real#"$repo"/node_modules/.pnpm/}"
    if [ ! -e "$dest" ]; then
      echo "prepare-deploy: $link points at $real, which the deploy does not have" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$out/.next/node_modules/$link")"
    ln -s "$dest" "$out/.next/node_modules/$link"
  done
fi
