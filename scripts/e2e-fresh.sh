#!/usr/bin/env bash
# A second browser-test server, as a real installation starts (README, "Running for real"):
# an empty database of its own, the app's row-only role and the schema owner's for the
# migrations, no ANXUN_DEMO_DATA. The county spec provisions it from nothing.
#
#   scripts/e2e-fresh.sh start        make the empty database, start the server (its address
#                                     is the main one's port + 1), wait for /healthz
#   scripts/e2e-fresh.sh admin ARGS…  run `anxun admin ARGS…` against it, as README step 4 does
#   scripts/e2e-fresh.sh stop
#
# It reads what scripts/e2e.sh wrote: the main server's state directory ($ANXUN_E2E_STATE)
# and the schema owner's URL of the main test database ($ANXUN_E2E_DATABASE_URL), whose role
# must be able to create a database (the private PostgreSQL's superuser is).
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN="${ANXUN_E2E_STATE:?ANXUN_E2E_STATE must name the state directory of the main server}"
# (Needed to start; `stop` works without it, from scripts/e2e.sh's exit trap.)
OWNER_BASE="${ANXUN_E2E_DATABASE_URL:-}"
PSQL="$(scripts/pg.sh bin)/psql"
DB=anxun_e2e_fresh
APP_ROLE=anxun_e2e_app
STATE="$MAIN-fresh"
MAIN_ADDR="$(cat "$MAIN/addr")"
ADDR="${MAIN_ADDR%:*}:$(( ${MAIN_ADDR##*:} + 1 ))"
# The same server as the URL's, another database: its path replaced, its query kept.
OWNER_URL="$(printf '%s' "$OWNER_BASE" | sed -E "s#^([a-z]+://[^/]*)/[^?]*#\1/$DB#")"
APP_URL="$(printf '%s' "$OWNER_URL" | sed -E "s#^(postgres(ql)?://)[^@/]*@#\1$APP_ROLE@#")"

write_state() {
  mkdir -p "$STATE"
  : >"$STATE/server.log"
  cp "$MAIN/bin" "$STATE/bin"
  printf '%s\n' "$ADDR" >"$STATE/addr"
  # The main server's environment without demo data, on this database and address.
  grep -vE '^export (DATABASE_URL|DATABASE_MIGRATION_URL|ANXUN_PUBLIC_URL|LEPTOS_SITE_ADDR|ANXUN_DEMO_DATA)=' \
    "$MAIN/env" >"$STATE/env"
  for kv in "DATABASE_URL=$APP_URL" "DATABASE_MIGRATION_URL=$OWNER_URL" \
    "ANXUN_PUBLIC_URL=http://$ADDR" "LEPTOS_SITE_ADDR=$ADDR"; do
    printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}" >>"$STATE/env"
  done
}

case "${1:-}" in
  start)
    : "${OWNER_BASE:?ANXUN_E2E_DATABASE_URL must be the URL of the test database, as its schema owner}"
    ANXUN_E2E_STATE="$STATE" scripts/e2e-server.sh stop TERM
    "$PSQL" -q "$OWNER_BASE" -c "drop database if exists $DB" -c "create database $DB"
    "$PSQL" -q "$OWNER_URL" -v app_role="$APP_ROLE" -f scripts/app-role.sql
    write_state
    ANXUN_E2E_STATE="$STATE" scripts/e2e-server.sh start
    printf 'http://%s\n' "$ADDR"
    ;;
  admin)
    shift
    (
      # shellcheck disable=SC1091
      source "$STATE/env"
      exec "$(cat "$STATE/bin")" admin "$@"
    )
    ;;
  stop) ANXUN_E2E_STATE="$STATE" scripts/e2e-server.sh stop TERM ;;
  *)
    echo "usage: $0 start | admin ARGS… | stop" >&2
    exit 2
    ;;
esac
