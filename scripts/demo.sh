#!/usr/bin/env bash
# The browser journeys (e2e/journeys/*.spec.ts) at a human pace against a running stack
# (= npm run demo). Each journey step saves demo-output/<journey>/<NN>-<step>.png.
#
# NIMBUS_URL (default http://127.0.0.1:3000), NIMBUS_DEMO_SLOWMO (ms between browser actions,
# default 600), NIMBUS_DEMO_HEADED=1 to watch it in a window (needs a display). Extra arguments go to
# `playwright test`, e.g. `npm run demo -- -g "admin creates a project"`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NIMBUS_LOG_TAG=demo
cd "$ROOT"

export NIMBUS_URL="${NIMBUS_URL:-http://127.0.0.1:3000}"
export NIMBUS_DEMO=1 NIMBUS_DEMO_SLOWMO="${NIMBUS_DEMO_SLOWMO:-600}"

wait_http "$NIMBUS_URL/healthz" 5 || die "no stack answers at $NIMBUS_URL: start one with \`npm start\` (or set NIMBUS_URL)"
compgen -G 'e2e/journeys/*.spec.ts' >/dev/null || die "no journeys yet (e2e/journeys/*.spec.ts)"

rm -rf demo-output
args=(--workers=1)
[ "${NIMBUS_DEMO_HEADED:-}" = 1 ] && args+=(--headed)
say "journeys against $NIMBUS_URL, ${NIMBUS_DEMO_SLOWMO} ms per action"
npx playwright test e2e/journeys "${args[@]}" "$@"
code=$?
say "screenshots: $(find demo-output -name '*.png' 2>/dev/null | wc -l) under demo-output/"
exit "$code"
