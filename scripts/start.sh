#!/usr/bin/env bash
# Runs the whole service with the demo data: installs and builds what is missing, migrates, seeds, then starts
# the worker in the background and the API in the foreground. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
# The project brings its own Node 24 (the `node` devDependency): its binary comes first on the PATH, also when
# this script is run directly rather than through `npm start`.
export PATH="$PWD/node_modules/.bin:$PATH"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing dependencies (npm ci)"
  npm ci
fi
bash scripts/require-node.sh
echo "==> building api, worker and cli"
npm run build --silent
echo "==> building the web console (dist/web, served at /)"
bash scripts/build-web.sh
echo "==> database roles: the owner and the application's (created if missing, as DATABASE_ADMIN_URL)"
node dist/apps/cli/apps/cli/src/main.js db:roles
echo "==> migrating the database as its owner, then granting the application's role"
node dist/apps/cli/apps/cli/src/main.js migrate
echo "==> loading the holiday calendars and the demo data"
node dist/apps/cli/apps/cli/src/main.js seed

node --max-old-space-size="${NODE_HEAP_MB:-192}" --max-semi-space-size="${NODE_SEMI_SPACE_MB:-16}" dist/apps/worker/apps/worker/src/main.js &
worker=$!
trap 'kill $worker 2>/dev/null || true; wait $worker 2>/dev/null || true' EXIT INT TERM
echo "==> worker started (pid $worker); console at http://localhost:${PORT:-3000}/, OpenAPI at http://localhost:${PORT:-3000}/docs"
node --max-old-space-size="${NODE_HEAP_MB:-192}" --max-semi-space-size="${NODE_SEMI_SPACE_MB:-16}" dist/apps/api/apps/api/src/main.js
