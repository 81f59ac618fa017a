#!/usr/bin/env bash
# All the tests: type-check, then unit, integration and e2e specs (jest, one process, against the local Postgres
# and Redis; the integration setup creates its own database accreditation_test). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # the project's own Node 24 (see scripts/start.sh)
bash scripts/require-node.sh || { echo "0 passed, 1 failed"; exit 1; }
# NestJS 12 ships as ES modules; jest loads them with require(esm), which needs vm modules (Node 24.9+).
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}"

echo "==> type-check (tsc --noEmit) on Node $(node --version)"
npx tsc --noEmit -p tsconfig.json || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp)
# --forceExit: a handle a failing test leaves open must not keep CI waiting; the summary below still counts failures
npx jest --runInBand --forceExit --json --outputFile="$results" "$@"
status=$?
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  if (!text) { console.log("0 passed, 1 failed"); console.error("jest wrote no results (it failed before running tests)"); process.exit(1); }
  const r = JSON.parse(text);
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites; // a suite that cannot load counts as a failure
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" || status=1
rm -f "$results"
exit $status
