#!/usr/bin/env bash
# Browser tests: build the app, start it on its own port against DATABASE_URL, run Playwright
# in Debian's Chromium, stop the server. (Called by scripts/test.sh.) The training sign-in QR
# rotates every 5 s instead of 30 here, so a test sees a code expire.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL must point at the database for the browser tests}"
ADDR="${ANXUN_E2E_ADDR:-127.0.0.1:3300}"
cargo leptos build
# As in production (README, "Running for real"): the server connects as a role that may only
# read and write rows (scripts/app-role.sql); the URL's own role owns the schema and migrates.
APP_ROLE="${ANXUN_E2E_APP_ROLE:-anxun_e2e_app}"
APP_URL="$(printf '%s' "$DATABASE_URL" | sed -E "s#^(postgres(ql)?://)[^@/]*@#\1$APP_ROLE@#")"
if [ "$APP_URL" != "$DATABASE_URL" ] &&
  "$(scripts/pg.sh bin)/psql" -q "$DATABASE_URL" -v app_role="$APP_ROLE" -f scripts/app-role.sql; then
  MIGRATION_URL="$DATABASE_URL"
else
  echo "e2e: cannot set up role $APP_ROLE; the server connects as DATABASE_URL's role" >&2
  APP_URL="$DATABASE_URL"; MIGRATION_URL=""
fi
# The server's environment goes to a state directory of this address, so that
# scripts/e2e-server.sh (called by the offline specs) can stop it and start it again as it was.
STATE="$(realpath -m "${CARGO_TARGET_DIR:-target}/anxun-e2e-${ADDR//[:.]/-}")"
mkdir -p "$STATE"
LOG="$STATE/server.log"
: >"$LOG"
{
  for kv in "DATABASE_URL=$APP_URL" "DATABASE_MIGRATION_URL=$MIGRATION_URL" \
    "ANXUN_PUBLIC_URL=http://$ADDR" "LEPTOS_SITE_ADDR=$ADDR" "LEPTOS_SITE_ROOT=target/site" \
    LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=anxun LEPTOS_HASH_FILES=true ANXUN_DEMO_DATA=1 \
    ANXUN_INSECURE_COOKIES=1 RUST_LOG=info ANXUN_LOGINS_PER_ADDRESS=1000 \
    ANXUN_LOGINS_PER_ACCOUNT=1000 \
    "ANXUN_TRAINING_QR_STEP_SECONDS=${ANXUN_TRAINING_QR_STEP_SECONDS:-5}"; do
    printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"
  done
  printf 'cd %q\n' "$PWD"
} >"$STATE/env"
realpath "${CARGO_TARGET_DIR:-target}/debug/anxun" >"$STATE/bin"
printf '%s\n' "$ADDR" >"$STATE/addr"
export ANXUN_E2E_STATE="$STATE"
SERVER_CTL="$PWD/scripts/e2e-server.sh"
stop_server() { "$SERVER_CTL" stop TERM || true; scripts/e2e-fresh.sh stop || true; }
trap stop_server EXIT
"$SERVER_CTL" stop TERM # one left over by an interrupted run
"$SERVER_CTL" start
PSQL="$(scripts/pg.sh bin)/psql"
status=0
# The login flood test reads the server's memory from /proc by its pid (ANXUN_SERVER_PID, or
# after a restart `e2e-server.sh pid`); the offline specs restart the server with
# ANXUN_E2E_SERVER and count rows through ANXUN_E2E_DATABASE_URL (the schema owner's URL).
(cd end2end && BASE_URL="http://$ADDR" ANXUN_SERVER_PID="$("$SERVER_CTL" pid)" \
  ANXUN_E2E_SERVER="$SERVER_CTL" ANXUN_E2E_DATABASE_URL="$DATABASE_URL" \
  ANXUN_E2E_PSQL="$PSQL" npx playwright test "$@") || status=$?
if [ "$status" != 0 ]; then
  echo "--- server log (last 40 lines) ---"; tail -40 "$LOG"
fi
exit "$status"
