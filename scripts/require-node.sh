#!/usr/bin/env bash
# Refuses to go on when the `node` on the PATH is not the project's Node 24 (installed by `npm ci` as the `node`
# devDependency at node_modules/.bin/node; the npm scripts put it first on the PATH).
set -euo pipefail
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 24 ]; then
  echo "Node $(node --version) is on the PATH, but this project runs on Node 24: run it through npm (npm start, npm test, npm run ...) after npm ci, which puts node_modules/.bin/node first" >&2
  exit 1
fi
