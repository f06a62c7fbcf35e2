#!/usr/bin/env bash
# The offline outbox's fault suite (issue 10), `make fault`: one phone (Chromium, the service
# worker on) queues FAULT_N mixed records while the server is down (exits, gas tests, patrol
# answers with and without a photo, hazard reports with and without a photo, training
# sign-ins), then sends them while the server is killed with SIGKILL twice and PostgreSQL is
# restarted once; the whole replay is repeated FAULT_REPEATS more times with the same records
# (same client ids: the server must store nothing new). Then psql counts, per record's client
# id, its audit row and its domain row: lost, duplicated, refused, per kind and in total.
# Exits non-zero when anything is lost, duplicated or refused (the fixtures are made so that no
# rule refuses a record: a refusal is a fault of the suite or of the server, and counting
# refusals as "not lost" would let a server that refuses everything pass).
#
# It runs its OWN PostgreSQL cluster (FAULT_PG_PORT, FAULT_PG_DATA), never the shared one,
# since it restarts it, and stops it at the end whatever happens.
#   FAULT_N=1000  FAULT_REPEATS=3  FAULT_ADDR=127.0.0.1:3313  FAULT_PG_PORT=54339
#   FAULT_CARGO_LOCK=/tmp/anxun-cargo.lock (empty: build without the lock)
#   FAULT_NO_BUILD=1 reuses bench/out/fault/build (the copied binary and site)
#   FAULT_ONLINE=1 posts the records once online instead (no service worker, no faults): a
#   check of the fixtures and the count
# Outputs in bench/out/fault: fault.md (the figures as Markdown, for bench/RESULTS.md),
# server.log, records.csv, replays.json.
#
# The Playwright script calls back for the faults: bench/fault.sh server-start|server-kill|
# pg-restart|rows (with the environment the main run exported).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="${FAULT_OUT:-$ROOT/bench/out/fault}"
BUILD="$OUT/build"
export FAULT_N="${FAULT_N:-1000}" FAULT_REPEATS="${FAULT_REPEATS:-3}"
export FAULT_ADDR="${FAULT_ADDR:-127.0.0.1:3313}"
export ANXUN_PG_PORT="${FAULT_PG_PORT:-54339}"
export ANXUN_PG_DATA="${FAULT_PG_DATA:-/var/tmp/anxun-fault-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)}"
DB="${FAULT_DB:-anxun_fault}"
APP_ROLE="${DB}_app"
OWNER_URL="$(scripts/pg.sh url "$DB")"
APP_URL="postgres://$APP_ROLE@127.0.0.1:$ANXUN_PG_PORT/$DB"
BASE="http://$FAULT_ADDR"
PSQL=(psql -qAt -v ON_ERROR_STOP=1 "$OWNER_URL")
# The step of the training QR (the suite computes the scan's ticket as the server does).
export ANXUN_TRAINING_QR_STEP_SECONDS="${ANXUN_TRAINING_QR_STEP_SECONDS:-30}"

log() { printf '[fault %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
pid_of_server() { cat "$OUT/server.pid" 2>/dev/null || true; }
alive() { local s; s="$(ps -o stat= -p "$1" 2>/dev/null || true)"; [ -n "$s" ] && [ "${s:0:1}" != Z ]; }

server_start() {
  local pid
  pid="$(pid_of_server)"
  if [ -n "$pid" ] && alive "$pid"; then echo "server already running ($pid)" >&2; return 1; fi
  # Its own session: no signal meant for the suite (or Playwright) reaches it by accident.
  (
    cd "$ROOT"
    exec setsid env DATABASE_URL="$APP_URL" DATABASE_MIGRATION_URL="$OWNER_URL" \
      ANXUN_PUBLIC_URL="$BASE" LEPTOS_SITE_ADDR="$FAULT_ADDR" LEPTOS_SITE_ROOT="$BUILD/site" \
      LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=anxun LEPTOS_HASH_FILES=true \
      ANXUN_DEMO_DATA=1 ANXUN_INSECURE_COOKIES=1 RUST_LOG="${FAULT_RUST_LOG:-warn}" \
      ANXUN_LOGINS_PER_ADDRESS=1000 ANXUN_LOGINS_PER_ACCOUNT=1000 \
      ANXUN_DATA_DIR="$OUT/data" "$BUILD/anxun"
  ) >>"$OUT/server.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$OUT/server.pid"
  local deadline=$((SECONDS + 90))
  until curl -fsS -o /dev/null --max-time 2 "$BASE/healthz" 2>/dev/null; do
    alive "$pid" || { echo "the server died at start; last lines of its log:" >&2; tail -20 "$OUT/server.log" >&2; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "the server did not answer /healthz in 90 s" >&2; return 1; }
    sleep 0.2
  done
}

server_kill() {
  local pid
  pid="$(pid_of_server)"
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
  rm -f "$OUT/server.pid"
}

server_stop() {
  local pid
  pid="$(pid_of_server)"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
  rm -f "$OUT/server.pid"
}

# Rows the suite's phone has stored so far (its audit rows): the replay's progress.
rows() { "${PSQL[@]}" -c "select count(*) from audit_log a join users u on u.id = a.actor_id where u.mobile = '13800000001'"; }

case "${1:-run}" in
  server-start) server_start; exit ;;
  server-kill) server_kill; exit ;;
  server-stop) server_stop; exit ;;
  pg-restart) scripts/pg.sh restart; exit ;;
  rows) rows; exit ;;
  run) ;;
  *) echo "usage: $0 [run|server-start|server-kill|server-stop|pg-restart|rows]" >&2; exit 2 ;;
esac

mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT/test-results"
rm -f "$OUT"/{records.csv,refused.csv,replays.json,fixtures.json,fault.md,count.tsv}
: >"$OUT/server.log"

PHONE=""
cleanup() {
  local status=$?
  # The phone (Playwright and its Chromium) runs in a process group of its own.
  [ -n "$PHONE" ] && kill -TERM -- "-$PHONE" 2>/dev/null || true
  server_stop || true
  scripts/pg.sh stop || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${FAULT_NO_BUILD:-}" != 1 ]; then
  log "building (cargo leptos build)"
  # Built in the shared target dir, then copied: a later build by anyone else cannot swap the
  # binary under the suite's restarts.
  build='set -o pipefail; touch app/build.rs && cargo leptos build 2>&1 | tail -30 &&
    rm -rf "$1" && mkdir -p "$1" && cp "${CARGO_TARGET_DIR:-target}/debug/anxun" "${CARGO_TARGET_DIR:-target}/debug/hash.txt" "$1"/ &&
    cp -r target/site "$1/site"'
  if [ -n "${FAULT_CARGO_LOCK-/tmp/anxun-cargo.lock}" ]; then
    flock "${FAULT_CARGO_LOCK-/tmp/anxun-cargo.lock}" bash -c "$build" _ "$BUILD"
  else
    bash -c "$build" _ "$BUILD"
  fi
fi
[ -x "$BUILD/anxun" ] || { echo "no build in $BUILD" >&2; exit 1; }
STARTED=$SECONDS

log "PostgreSQL of its own: port $ANXUN_PG_PORT, data $ANXUN_PG_DATA"
scripts/pg.sh stop
scripts/pg.sh start
scripts/pg.sh recreate "$DB"
"${PSQL[@]}" -v app_role="$APP_ROLE" -f scripts/app-role.sql

log "server on $BASE (migrations, demo data)"
server_start

log "fixtures"
JARS="$OUT"
source bench/lib.sh
login officer 13800000002
CHECKLIST=$(api officer v1/patrols/checklists/install --data-urlencode "client_id=$(uuid)" --data-urlencode pack=daily_general | json d)
POINT=$(api officer v1/patrols/points/create --data-urlencode "client_id=$(uuid)" --data-urlencode "form[name]=故障演练巡查点" \
  --data-urlencode "form[area]=演练车间" --data-urlencode "form[checklists][]=$CHECKLIST" | json "d['id']")
user_id() { "${PSQL[@]}" -c "select id from users where mobile = '$1'"; }
ME=$(user_id 13800000001)
PER_KIND=$(( (FAULT_N + 4) / 5 ))
"${PSQL[@]}" -v me="$ME" -v officer="$(user_id 13800000002)" -v trainer="$(user_id 13800000003)" \
  -v exits="$PER_KIND" -v signins="$PER_KIND" -v patrols="$PER_KIND" \
  -v point="$POINT" -v checklist="$CHECKLIST" -f bench/fault_seed.sql >"$OUT/fixtures.json"

log "the phone: queue $FAULT_N records offline, replay under faults, $FAULT_REPEATS repeats"
status=0
# In the background, and waited for: a TERM to the suite then stops it at once (bash runs a
# trap only after the foreground command ends).
(cd end2end && FAULT_DIR="$OUT" FAULT_CTL="$ROOT/bench/fault.sh" BASE_URL="$BASE" \
  exec setsid npx playwright test -c fault.config.ts --output "$OUT/test-results") &
PHONE=$!
wait "$PHONE" || status=$?
PHONE=""

log "counting"
[ -f "$OUT/records.csv" ] || { echo "the phone wrote no records.csv" >&2; exit 1; }
touch "$OUT/refused.csv"
# The server may still be down if the phone's script failed mid-fault: the count needs only
# the database.
"${PSQL[@]}" -v me="$ME" -v records="$OUT/records.csv" -v refused="$OUT/refused.csv" \
  -f bench/fault_count.sql >"$OUT/count.tsv"
ELAPSED=$((SECONDS - STARTED))
node bench/fault_report.mjs "$OUT" "$ELAPSED" >"$OUT/fault.md"
cat "$OUT/fault.md"
# At full size (or FAULT_RESULTS=1) the figures go to bench/RESULTS.md, as its last section
# (bench/run.sh keeps that section when it rewrites the file).
if [ "${FAULT_RESULTS:-}" = 1 ] || { [ "$FAULT_N" -ge 1000 ] && [ "$FAULT_REPEATS" -ge 3 ]; }; then
  MACHINE="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  RESULTS="$ROOT/bench/RESULTS.md"
  { sed '/^## (q) Offline outbox fault suite/,$d' "$RESULTS" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
    printf '\n## (q) Offline outbox fault suite\n\n'
    printf 'Measured %s on %s, by `make fault` (`bench/fault.sh`: the debug build, as the browser\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$MACHINE"
    printf 'tests; its own PostgreSQL; one Chromium phone at 390x844 with the service worker). The phone\n'
    printf 'queues the records through `fetch()` while the server is down (the worker answers 202), then\n'
    printf 'the worker sends them one at a time; the suite kills the server (SIGKILL) at 20 %% and 80 %% of\n'
    printf 'each replay and restarts PostgreSQL (`pg_ctl restart -m fast`) at 50 %%, and counts with psql\n'
    printf 'per record client id its audit row and its domain row (`bench/fault_count.sql`).\n\n'
    cat "$OUT/fault.md"
  } >"$RESULTS.new"
  mv "$RESULTS.new" "$RESULTS"
fi
read -r _ _ _ LOST DUPLICATED REFUSED _ < <(grep '^total' "$OUT/count.tsv")
if [ "$LOST" != 0 ] || [ "$DUPLICATED" != 0 ] || [ "$REFUSED" != 0 ] || [ "$status" != 0 ]; then
  echo "FAULT SUITE FAILED: lost $LOST, duplicated $DUPLICATED, refused $REFUSED, phone script status $status" >&2
  echo "--- server log (last 30 lines) ---" >&2; tail -30 "$OUT/server.log" >&2
  exit 1
fi
echo "fault suite passed: 0 lost, 0 duplicated, 0 refused"
