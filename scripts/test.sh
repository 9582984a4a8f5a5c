#!/usr/bin/env bash
# Everything (= npm test): lint, typecheck, db:check, vitest unit + integration, then — against one
# throwaway stack started here (own port, database nimbus_e2e recreated fresh, own Redis prefix) —
# the openstack-CLI conformance tests and the Playwright browser tests. Every runner runs even when
# an earlier one failed; the last line is `N passed, M failed` over all of them (lint, typecheck and
# db:check count as one test each) and the exit code is non-zero when anything failed.
#
# NIMBUS_TEST_SKIP: space-separated runners to skip (lint typecheck db-check vitest conformance
# playwright), for a quicker local loop.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NIMBUS_LOG_TAG=test
cd "$ROOT"

OUT="$ROOT/test-results"
mkdir -p "$OUT"
PASSED=0
FAILED=0
SUMMARY=()

STARTED=$SECONDS
record() { # runner passed failed — the runner's time is counted from the previous record
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SUMMARY+=("$(printf '  %-12s %4d passed %4d failed  %4ds' "$1" "$2" "$3" $((SECONDS - STARTED)))")
  STARTED=$SECONDS
}

skipped() { [[ " ${NIMBUS_TEST_SKIP:-} " == *" $1 "* ]]; }
for runner in ${NIMBUS_TEST_SKIP:-}; do SUMMARY+=("$(printf '  %-12s skipped' "$runner")"); done

# A command that is one test: it passes or fails as a whole.
check() { # name command...
  local name="$1"; shift
  skipped "$name" && return
  say "== $name"
  if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
}

# Reads passed/failed counts from a reporter's JSON file; a runner that crashed before writing it,
# or reported errors outside any test (a failing setup, an unhandled rejection), counts one failure.
counts() { # kind file exit-code
  node - "$@" <<'EOF'
const [kind, file, code] = process.argv.slice(2);
const fs = require('node:fs');
let passed = 0, failed = 0, broken = false;
try {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    passed = r.numPassedTests; failed = r.numFailedTests;
    broken = !r.success && failed === 0;
  } else {
    passed = r.stats.expected + r.stats.flaky; failed = r.stats.unexpected;
    broken = (r.errors?.length ?? 0) > 0 && failed === 0;
  }
} catch { broken = true; }
if (broken || (code !== '0' && failed === 0)) failed += 1;
console.log(`${passed} ${failed}`);
EOF
}

run_vitest() { # runner json-file vitest-args...
  local name="$1" json="$2"; shift 2
  rm -f "$json"
  npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json="$json" "$@"
  local code=$?
  read -r p f < <(counts vitest "$json" "$code")
  record "$name" "$p" "$f"
}

ensure_node_modules
ensure_postgres
ensure_redis

check lint npm run --silent lint
check typecheck npm run --silent typecheck
check db-check npm run --silent db:check

if ! skipped vitest; then
  say "== vitest (unit + integration)"
  run_vitest vitest "$OUT/vitest.json" --project unit --project integration
fi

# --- one stack for conformance and Playwright ---------------------------------------------------
# Port, database and state are per run, claimed with a lock, so two `npm test` on one machine (or
# one checkout) never share them: port 3100 gets database nimbus_e2e, the next free one _<port>.
E2E_PORT="${NIMBUS_E2E_PORT:-3100}"
while true; do
  E2E_PORT="$(free_port "$E2E_PORT")"
  exec 8>"/tmp/nimbus-e2e-$E2E_PORT.lock"
  flock -n 8 && break
  E2E_PORT=$((E2E_PORT + 1))
done
E2E_URL="http://127.0.0.1:$E2E_PORT"
E2E_DB=nimbus_e2e
[ "$E2E_PORT" = 3100 ] || E2E_DB="nimbus_e2e_$E2E_PORT"
E2E_STATE="$ROOT/.stack/e2e"
E2E_FILES="$E2E_STATE/$E2E_PORT"
E2E_PREFIX="nimbus-e2e-$E2E_PORT-$$"
STACK_PID=""

# Short, because guests' QMP sockets live under it and a unix socket path has at most 107 bytes.
E2E_DATA="${TMPDIR:-/tmp}/nimbus-e2e-$E2E_PORT"

stack_env() {
  env PORT="$E2E_PORT" NIMBUS_PUBLIC_URL="$E2E_URL" \
    DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$E2E_DB" REDIS_PREFIX="$E2E_PREFIX" \
    NIMBUS_STATE_DIR="$E2E_STATE" NIMBUS_OPENRC_DIR="$E2E_FILES" NIMBUS_DATA_DIR="$E2E_DATA" NODE_NAME=e2e-node-1 "$@"
}

# The stack's guests (real qemu processes) go with it, and so does its data: the database is
# recreated on every run, so images, disks and caches from an earlier one mean nothing.
purge_e2e_stack() {
  stack_env bash scripts/stack.sh stop --purge-guests >>"$OUT/e2e-stack.log" 2>&1
  rm -rf "$E2E_DATA"
}

stop_e2e_stack() {
  [ -n "$STACK_PID" ] || return 0
  say "stopping the test stack"
  purge_e2e_stack
  wait "$STACK_PID" 2>/dev/null
  STACK_PID=""
  redis-cli -h 127.0.0.1 --scan --pattern "$E2E_PREFIX:*" | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null
}
trap stop_e2e_stack EXIT
trap 'exit 130' INT TERM

start_e2e_stack() {
  say "== starting a test stack on $E2E_URL (database $E2E_DB, log test-results/e2e-stack.log)"
  rm -f "$E2E_FILES/openrc" "$OUT/e2e-stack.log"
  # Whatever a killed earlier run on this port left behind.
  purge_e2e_stack
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)" >/dev/null \
    || return 1
  stack_env bash scripts/stack.sh start >>"$OUT/e2e-stack.log" 2>&1 &
  STACK_PID=$!
  # Generous: the first run on a clean clone builds the console.
  if wait_http "$E2E_URL/healthz" 900 "$STACK_PID" && [ -f "$E2E_FILES/openrc" ]; then return 0; fi
  # healthz answers a little before openrc is written; give it a moment.
  for _ in $(seq 1 20); do [ -f "$E2E_FILES/openrc" ] && return 0; sleep 0.5; done
  say "the test stack did not come up; last lines of its log:"
  tail -n 40 "$OUT/e2e-stack.log" >&2
  return 1
}

if skipped conformance && skipped playwright; then
  :
elif start_e2e_stack; then
  SUMMARY+=("$(printf '  %-12s up in %ds' 'test stack' $((SECONDS - STARTED)))")
  STARTED=$SECONDS
  export NIMBUS_URL="$E2E_URL" NIMBUS_OPENRC="$E2E_FILES/openrc" OS_CLIENT_CONFIG_FILE="$E2E_FILES/clouds.yaml"
  if ! skipped conformance; then
    say "== conformance (openstack CLI against $E2E_URL)"
    run_vitest conformance "$OUT/conformance.json" --project conformance
  fi
  if ! skipped playwright; then
    say "== playwright (Chromium against $E2E_URL)"
    rm -f "$OUT/playwright.json"
    PLAYWRIGHT_JSON_OUTPUT_FILE="$OUT/playwright.json" npx playwright test --pass-with-no-tests
    code=$?
    read -r p f < <(counts playwright "$OUT/playwright.json" "$code")
    record playwright "$p" "$f"
  fi
else
  skipped conformance || record conformance 0 1
  skipped playwright || record playwright 0 1
fi
stop_e2e_stack

echo
printf '%s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
