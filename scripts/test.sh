#!/usr/bin/env bash
# All the tests: type-check, then unit, integration and e2e specs (jest, one process, against the local Postgres
# and Redis; the integration setup creates its own database accreditation_test). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

echo "==> type-check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp)
npx jest --runInBand --json --outputFile="$results" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" || status=1
rm -f "$results"
exit $status
