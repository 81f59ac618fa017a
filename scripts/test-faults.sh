#!/usr/bin/env bash
# The fault tests at the issue's full sizes (npm run test:faults; about 15-25 minutes, most of it the 1,000
# disbursements): Postgres cut for 60 s with 50 payments in flight; a worker SIGKILLed every 1-2 s for a minute
# during 50 payments with a slow bank; 2 API + 2 worker processes paying 1,000 disbursements while workers are
# SIGKILLed at random. `npm test` runs the same specs at reduced sizes. Each prints its figures (RELIABILITY.md).
# Same database and Redis prefix rules as npm test (TEST_DATABASE_URL, TEST_QUEUE_PREFIX).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
bash scripts/require-node.sh || exit 1
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}"
export OUTAGE_CUT_MS=60000 OUTAGE_PAYMENTS=50 CRASH_LOOP_FULL=1 SEVERAL_PROCESSES_FULL=1
exec npx jest --runInBand --forceExit --verbose \
  test/outage.int-spec.ts test/subsidy-crash-loop.int-spec.ts test/several-processes.int-spec.ts "$@"
