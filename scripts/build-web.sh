#!/usr/bin/env bash
# Builds the web console (apps/web) into dist/web, which the API serves at / (WEB_DIST_DIR). The types of the API it
# calls are generated from the API's OpenAPI document (scripts/web-openapi.ts) and committed; `--check` here fails
# when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
if [ "${1:-}" = "--openapi" ]; then
  node -r ts-node/register/transpile-only -r tsconfig-paths/register scripts/web-openapi.ts
fi
vite build --config apps/web/vite.config.mts --logLevel warn
