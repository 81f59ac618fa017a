#!/usr/bin/env bash
# Builds the web console (apps/web) into dist/web, which the API serves at / (WEB_DIST_DIR). The types of the API it
# calls are the typed client's (libs/api-client, `npm run openapi`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
vite build --config apps/web/vite.config.mts --logLevel warn
