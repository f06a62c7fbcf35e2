#!/usr/bin/env bash
# The private PostgreSQL cluster used when DATABASE_URL is not set.
#   scripts/pg.sh start            initialise (once) and start; creates database "anxun"
#   scripts/pg.sh stop             stop it cleanly
#   scripts/pg.sh url [DB]         print the connection URL
#   scripts/pg.sh recreate DB      drop and create an empty database
#   scripts/pg.sh restart          pg_ctl restart -m fast (the fault suite's PostgreSQL restart)
# ANXUN_PG_PORT and ANXUN_PG_DATA choose another port and data folder: a second cluster of
# its own (the fault suite restarts its PostgreSQL, so it never uses the shared one).
# Data lives in .pgdata/ in the checkout. initdb refuses to run as root, so as root the
# cluster runs as the "postgres" user; when that user cannot reach the checkout (a private
# home or temp folder) the data goes to /var/tmp/anxun-pg-<hash of the checkout path>.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${ANXUN_PG_PORT:-54329}"

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  echo "PostgreSQL server binaries not found (run: make deps)" >&2
  exit 1
}
BIN="$(pg_bin)"

if [ "$(id -u)" = 0 ]; then
  RUN_AS=(runuser -u postgres --)
  if runuser -u postgres -- test -x "$ROOT"; then
    DATA="$ROOT/.pgdata"
  else
    DATA="/var/tmp/anxun-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  fi
else
  RUN_AS=()
  DATA="$ROOT/.pgdata"
fi
DATA="${ANXUN_PG_DATA:-$DATA}"
CLUSTER="$DATA/cluster"
SOCK="$DATA/run"

as_pg() { (cd / && "${RUN_AS[@]}" "$@"); }
psql_pg() { as_pg "$BIN/psql" -h "$SOCK" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

url() { echo "postgres://postgres@127.0.0.1:$PORT/${1:-anxun}"; }

start() {
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
  if [ ! -f "$CLUSTER/PG_VERSION" ]; then
    as_pg mkdir -p "$CLUSTER" "$SOCK"
    as_pg "$BIN/initdb" -D "$CLUSTER" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg mkdir -p "$SOCK"
  if ! as_pg "$BIN/pg_ctl" -D "$CLUSTER" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$CLUSTER" -l "$DATA/postgres.log" -w -t 60 \
      -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  fi
  ensure_db anxun
}

ensure_db() {
  if [ -z "$(psql_pg -d postgres -c "select 1 from pg_database where datname = '$1'")" ]; then
    psql_pg -d postgres -c "create database \"$1\""
  fi
}

recreate() {
  psql_pg -d postgres -c "drop database if exists \"$1\" with (force)"
  psql_pg -d postgres -c "create database \"$1\""
}

stop() {
  if [ -f "$CLUSTER/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$CLUSTER" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$CLUSTER" -m fast -w stop >/dev/null
  fi
}

restart() {
  as_pg "$BIN/pg_ctl" -D "$CLUSTER" -l "$DATA/postgres.log" -m fast -w -t 60 \
    -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=200" restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  url) url "${2:-anxun}" ;;
  recreate) recreate "$2" ;;
  bin) echo "$BIN" ;;
  *) echo "usage: $0 start|stop|restart|url [db]|recreate db|bin" >&2; exit 2 ;;
esac
