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
npx tsc --noEmit -p apps/web/tsconfig.json || { echo "0 passed, 1 failed"; exit 1; }

# The browser specs (test/web) drive Debian's Chromium; Playwright's own download does not work here.
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing chromium (apt-get)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo -n apt-get update -qq && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi \
    || echo "could not install chromium: the browser specs will fail"
fi
# Chinese glyphs for the screenshots the browser specs keep (the tests pass without them; the pictures would show boxes)
if ! fc-list 2>/dev/null | grep -q "CJK"; then
  echo "==> installing fonts-noto-cjk (apt-get)"
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  else sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; fi \
    || echo "could not install fonts-noto-cjk: screenshots will show Chinese as boxes"
fi
echo "==> building the web console (dist/web) for the browser specs"
bash scripts/build-web.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "==> the console's component tests (vitest, jsdom)"
web_results=$(mktemp)
NODE_OPTIONS= npx vitest run --config apps/web/vite.config.mts --reporter=default --reporter=json --outputFile.json="$web_results"
web_status=$?

results=$(mktemp)
# --forceExit: a handle a failing test leaves open must not keep CI waiting; the summary below still counts failures
npx jest --runInBand --forceExit --json --outputFile="$results" "$@"
status=$?
[ $web_status -eq 0 ] || status=1
node -e '
  const fs = require("fs");
  const text = fs.readFileSync(process.argv[1], "utf8");
  if (!text) { console.log("0 passed, 1 failed"); console.error("jest wrote no results (it failed before running tests)"); process.exit(1); }
  const r = JSON.parse(text);
  // vitest writes the same report shape; a missing one (it could not start) counts as a failure
  const webText = fs.existsSync(process.argv[2]) ? fs.readFileSync(process.argv[2], "utf8") : "";
  const w = webText ? JSON.parse(webText) : { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTotalTests: 0 };
  const passed = r.numPassedTests + w.numPassedTests;
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites + (w.numFailedTests || w.numFailedTestSuites || 0); // a suite that cannot load counts as a failure
  const skipped = r.numPendingTests + w.numPendingTests;
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" "$web_results" || status=1
rm -f "$results" "$web_results"
exit $status
