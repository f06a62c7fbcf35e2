#!/usr/bin/env bash
# Benchmark harness, run by hand (not in CI): `make bench`.
# Builds a release, then measures in one run, on this machine:
#   (a) release WASM and JS sizes: raw, gzip -9, brotli -q 11
#   (b) the login page's HTML + CSS bytes (brotli)
#   (c) login page requests/s and p99 under wrk on loopback
#   (d) pgbench's one-row INSERT rate on the same private cluster: the baseline that later
#       write paths are reported against, as a ratio
#   (g) Lighthouse on the scan page, mobile, simulated throttling (bench/lighthouse.sh)
#   (i) a login flood (1000 connections) against a signed-in page's p99 and the server's memory
#   (r) a long-account login flood (bench/long_accounts.sh): 600 attempts with distinct 1.9 MB
#       accounts from 600 addresses, twice; the server's memory idle, at peak and after
#   (j)–(m) patrols (bench/patrols.sh): the patrol form's bytes, Lighthouse and throughput,
#       patrol submissions, and the hazard ledger and board at 100,000 hazards / 1,000,000 answers
#   (n)–(p) training (bench/training.sh): sign-ins by scan with 200 workers at once against
#       pgbench, the projector's QR page's bytes, and the sign-in page's bytes and Lighthouse
#   (s) photos (bench/photos.sh): a normal upload's p95 while 8 oversized uploads run at once
#   (t) a county (bench/county.sh): the regulators' overview, lists and matrix, and one
#       enterprise's patrol board, at 3,000 enterprises and 3,000,000 patrol answers
# and writes bench/RESULTS.md. BENCH_ADDR (default 127.0.0.1:3400) and BENCH_DB (default
# anxun_bench) choose the server's address and database, so two checkouts can bench at once. Figures from a noisy 2-core machine: compare ratios, not values.
# BENCH_ONLY=scan measures only (c) and (e) (the login page and the scan page, with the same
# build, data and wrk as a full run), prints them and leaves RESULTS.md as it is; then
# BENCH_AFTER, if set, runs as a command with SCAN_URL, SCAN_COOKIE and SERVER_PID in its
# environment while the server still runs (for `perf record` under wrk). BENCH_BUILD=0 skips
# the build (the last release build is served, or BENCH_BIN). BENCH_ONLY=longaccount measures
# only (r) (no lighthouse, no other load) and puts its section into RESULTS.md, the others kept;
# BENCH_ONLY=photos measures only (s) and puts its section in RESULTS.md in place of the last one.
# BENCH_ONLY=county measures only (t) (its seed takes minutes) and puts its section in RESULTS.md.
set -euo pipefail
# The login flood opens 1000 connections; the server and wrk need the descriptors.
ulimit -n 65536 2>/dev/null || ulimit -n 4096 2>/dev/null || true
cd "$(dirname "$0")/.."
ROOT="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/anxun/target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/anxun/tools/node_modules/.bin:$PATH"
# (c) and (e) alone need neither Lighthouse nor the browser tests' packages.
case "${BENCH_ONLY:-}" in scan | longaccount | photos | county) scripts/deps.sh run ;; *) scripts/deps.sh bench ;; esac
OUT="$ROOT/bench/out"; rm -rf "$OUT"; mkdir -p "$OUT"
ADDR="${BENCH_ADDR:-127.0.0.1:3400}"
BENCH_DB="${BENCH_DB:-anxun_bench}"
DURATION="${BENCH_SECONDS:-10}"

ONLY="${BENCH_ONLY:-}"
echo "== release build"
# --precompress: .br and .gz siblings of every static file, made once here and served as they are.
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  cargo leptos build --release --precompress >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
fi

source bench/lib.sh
PKG="$ROOT/target/site/pkg"
# hash-files: built files are named anxun.<hash>.<ext>, the hashes listed next to the binary.
HASHES="$(dirname "${BENCH_BIN:-$CARGO_TARGET_DIR/release/anxun}")/hash.txt"
built() { local h; h=$(awk -v k="$1:" '$1 == k {print $2}' "$HASHES"); echo "$PKG/anxun${h:+.$h}.$1"; }
WASM="$(built wasm)"; JS="$(built js)"; CSS="$(built css)"

echo "== database and server"
DB_URL="$(scripts/pg.sh url "$BENCH_DB")"
# A cluster already answering on the port (another checkout's, or DATABASE_URL's) is used as
# it is; otherwise this checkout's private one is started.
if psql -qAt "$(scripts/pg.sh url postgres)" -c 'select 1' >/dev/null 2>&1; then
  psql -q "$(scripts/pg.sh url postgres)" -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB"
else
  scripts/pg.sh start
  scripts/pg.sh recreate "$BENCH_DB"
fi
# A release build prints posters only with a configured public URL (app/src/site.rs). Behind a
# "proxy": (r) gives each attempt its own client address in X-Real-IP; every other request sends
# none, so the peer's address counts as before.
DATABASE_URL="$DB_URL" ANXUN_PUBLIC_URL="http://$ADDR" ANXUN_DEMO_DATA=1 ANXUN_INSECURE_COOKIES=1 ANXUN_BEHIND_PROXY=1 \
  LEPTOS_SITE_ADDR="$ADDR" LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=anxun LEPTOS_HASH_FILES=true LEPTOS_ENV=PROD RUST_LOG=warn \
  "${BENCH_BIN:-$CARGO_TARGET_DIR/release/anxun}" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://$ADDR/healthz" >/dev/null && break; sleep 0.5; done

if [ "$ONLY" = longaccount ]; then
  echo "== long-account login flood (r) alone"
  BASE="http://$ADDR" OUT="$OUT" SERVER=$SERVER bench/long_accounts.sh
  python3 bench/splice_section.py "$ROOT/bench/RESULTS.md" "$OUT/long_accounts.md"
  echo; cat "$OUT/long_accounts.md"
  exit 0
fi
if [ "$ONLY" = county ]; then
  echo "== county (t) alone (bench/county.sh)"
  BASE="http://$ADDR" OUT="$OUT" DB_URL="$DB_URL" DURATION="$DURATION" bench/county.sh
  python3 bench/splice_section.py "$ROOT/bench/RESULTS.md" "$OUT/county.md"
  echo; cat "$OUT/county.md"
  exit 0
fi
if [ "$ONLY" = photos ]; then
  echo "== photos (s) alone (bench/photos.sh)"
  BASE="http://$ADDR" OUT="$OUT" DURATION="$DURATION" RESULTS="$ROOT/bench/RESULTS.md" bench/photos.sh
  exit 0
fi

curl -fs -H 'accept-encoding: identity' "http://$ADDR/login" >"$OUT/login.html"
cat "$OUT/login.html" "$CSS" >"$OUT/login+css"

echo "== wrk (${DURATION}s) on /login"
wrk -t2 -c32 -d"${DURATION}s" --latency "http://$ADDR/login" >"$OUT/wrk.txt"
RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
P99=$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")

if [ "$ONLY" != scan ]; then
echo "== pgbench (${DURATION}s) one-row INSERT"
PGBIN="$(scripts/pg.sh bin)"
PGURL="$DB_URL"
"$PGBIN/psql" -q "$PGURL" -c "create table if not exists bench_insert (id uuid primary key, payload text not null, created_at timestamptz not null default now())"
printf 'insert into bench_insert (id, payload) values (gen_random_uuid(), repeat(%s, 64));\n' "'x'" >"$OUT/insert.sql"
"$PGBIN/pgbench" -n -c8 -j2 -T"$DURATION" -f "$OUT/insert.sql" "$PGURL" >"$OUT/pgbench.txt" 2>&1
TPS=$(awk -F'= ' '/^tps/ {split($2,a," "); print a[1]}' "$OUT/pgbench.txt")
fi

echo "== scan page and enter/exit (confined spaces)"
BASE="http://$ADDR"
JARS="$OUT/jars"; mkdir -p "$JARS"
login admin 13800000004; login officer 13800000002; login zhou 13800000007
SPACE=$(api officer v1/spaces/create --data-urlencode "client_id=$(uuid)" --data-urlencode "form[code]=BENCH-1" \
  --data-urlencode "form[name]=压测储罐" --data-urlencode "form[location]=bench" --data-urlencode "form[space_type]=tank" | json "d['id']")
SCAN_URL=$(api officer v1/spaces/posters --data-urlencode "id=$SPACE" | json "d[0]['url']")
PEOPLE="$OUT/people.json"; api officer v1/operations/people -X POST >"$PEOPLE"
ZHOU=$(json "d.find(p => p.name === '周师傅').id" <"$PEOPLE")
# The person in charge is not the approver (the officer): by default an approver is
# independent of the permit.
LEAD=$(json "d.find(p => p.name === '赵管理').id" <"$PEOPLE")
# One more entrant than wrk threads stays inside throughout: when everyone is out, the
# operation counts as interrupted and re-entry needs a new gas test (13号令), which would
# turn the load into refusals.
ENTRANTS=8
entrant_args=()
new_hires=()
for i in $(seq 1 $((ENTRANTS + 1))); do
  mobile="1399900000$i"
  id=$(api admin v1/users/create --data-urlencode "client_id=$(uuid)" --data-urlencode "form[name]=压测$i" --data-urlencode "form[mobile]=$mobile" \
    --data-urlencode "form[employee_no]=" --data-urlencode "form[role]=worker" --data-urlencode "form[password]=bench-pass-$i" | json "d['id']")
  api admin v1/qualifications/grant --data-urlencode "client_id=$(uuid)" --data-urlencode "form[user_id]=$id" \
    --data-urlencode "form[kind]=confined_space" --data-urlencode "form[document_ref]=BENCH-$i" \
    --data-urlencode "form[valid_until]=$(date -d '+6 months' +%F)" >/dev/null
  login "w$i" "$mobile" "bench-pass-$i"
  # A password set by an admin is changed at the first login.
  api "w$i" v1/me/password --data-urlencode "client_id=$(uuid)" --data-urlencode "form[current]=bench-pass-$i" \
    --data-urlencode "form[new]=bench-own-$i" --data-urlencode "form[repeat]=bench-own-$i" >/dev/null
  export "BENCH_COOKIE_$i=$(token "w$i")" "BENCH_PERSON_$i=$id"
  entrant_args+=(--data-urlencode "form[entrants][]=$id")
  new_hires+=("$id")
done
# New hires are cleared for work only after 三级教育 (rules::clearance): the trainer records
# the three levels, a month ago, and ticks them on each roster.
login trainer 13800000003
INDUCTION_DAY=$(date -d '-30 days' +%F)
for level in induction_company induction_workshop induction_team; do
  session=$(api trainer v1/training/sessions/create --data-urlencode "client_id=$(uuid)" \
    --data-urlencode "form[title]=三级安全教育 $level" --data-urlencode "form[category]=$level" \
    --data-urlencode "form[date]=$INDUCTION_DAY" --data-urlencode "form[start]=08:00" --data-urlencode "form[end]=17:00" \
    --data-urlencode "form[hours]=8" --data-urlencode "form[location]=培训室" --data-urlencode "form[audience]=all" \
    --data-urlencode "form[assessment]=none" | json "d")
  for id in "${new_hires[@]}"; do
    api trainer v1/training/sessions/roster/sign_in --data-urlencode "client_id=$(uuid)" --data-urlencode "id=$session" \
      --data-urlencode "form[user_id]=$id" --data-urlencode "form[time]=" >/dev/null
  done
  # Written a month after the session, it is a back-entry (补录): it counts once a second
  # person who took no part in it confirms it (issue 20).
  api admin v1/training/sessions/confirm --data-urlencode "client_id=$(uuid)" --data-urlencode "id=$session" >/dev/null
done
START=$(date -u -d '+8 hours -5 minutes' +%Y-%m-%dT%H:%M); END=$(date -u -d '+10 hours' +%Y-%m-%dT%H:%M)
api w1 v1/operations/request --data-urlencode "client_id=$(uuid)" --data-urlencode "form[space_id]=$SPACE" --data-urlencode "form[work_content]=bench" \
  --data-urlencode "form[planned_start]=$START" --data-urlencode "form[planned_end]=$END" "${entrant_args[@]}" \
  --data-urlencode "form[attendant_id]=$ZHOU" --data-urlencode "form[person_in_charge_id]=$LEAD" >/dev/null
OP=$(api officer v1/operations/at_space --data-urlencode "space_id=$SPACE" | json "d['view']['id']")
api officer v1/operations/decide --data-urlencode "client_id=$(uuid)" --data-urlencode "operation_id=$OP" --data-urlencode "form[approve]=true" >/dev/null
api zhou v1/operations/step --data-urlencode "client_id=$(uuid)" --data-urlencode "operation_id=$OP" --data-urlencode "step=ventilate" >/dev/null
api zhou v1/operations/gas_test --data-urlencode "client_id=$(uuid)" --data-urlencode "operation_id=$OP" --data-urlencode "form[detector_id]=BENCH" \
  --data-urlencode "form[calibration_due]=$(date -u -d '+180 days' +%F)" --data-urlencode "form[values][oxygen.upper]=20.9" --data-urlencode "form[values][oxygen.middle]=20.9" \
  --data-urlencode "form[values][oxygen.lower]=20.9" >/dev/null
api zhou v1/operations/step --data-urlencode "client_id=$(uuid)" --data-urlencode "operation_id=$OP" --data-urlencode "step=attendant_in" >/dev/null
export BENCH_OP="$OP"
api "w$((ENTRANTS + 1))" v1/operations/enter --data-urlencode "client_id=$(uuid)" --data-urlencode "operation_id=$OP" \
  --data-urlencode "form[briefed]=on" >/dev/null

curl -fsS -b "$JARS/w1" -H 'accept-encoding: identity' "$SCAN_URL" >"$OUT/scan.html"
cat "$OUT/scan.html" "$CSS" >"$OUT/scan+css"
# The ratio to the login page is measured in rounds, each login then scan page right after,
# so both see the same load from the rest of this machine; the median round is reported.
SCAN_ROUNDS="$OUT/scan-rounds.txt"; : >"$SCAN_ROUNDS"
for round in 1 2 3; do
  wrk -t2 -c32 -d"${DURATION}s" "http://$ADDR/login" >"$OUT/wrk-login-$round.txt"
  wrk -t2 -c32 -d"${DURATION}s" --latency -H "Cookie: anxun_session=$(token w1)" "$SCAN_URL" >"$OUT/wrk-scan-$round.txt"
  l=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-login-$round.txt")
  s=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-scan-$round.txt")
  p=$(awk '$1=="99%" {print $2}' "$OUT/wrk-scan-$round.txt")
  echo "$round $l $s $p $(awk -v a="$s" -v b="$l" 'BEGIN { printf "%.3f", a / b }')" >>"$SCAN_ROUNDS"
done
read -r _ SCAN_LOGIN_RPS SCAN_RPS SCAN_P99 SCAN_RATIO < <(sort -k5 -n "$SCAN_ROUNDS" | sed -n 2p)
if [ "$ONLY" = scan ]; then
  echo "(c) login: $RPS requests/s, p99 $P99"
  echo "(e) scan page: $SCAN_RPS requests/s, p99 $SCAN_P99, ${SCAN_RATIO}x the login page's" \
    "($SCAN_LOGIN_RPS requests/s) in the median of 3 rounds ($(awk '{printf "%s ", $5}' "$SCAN_ROUNDS"));" \
    "HTML $(br "$OUT/scan.html") B, HTML + CSS $(br "$OUT/scan+css") B (brotli -q 11)"
  if [ -n "${BENCH_AFTER:-}" ]; then
    SCAN_URL="$SCAN_URL" SCAN_COOKIE="anxun_session=$(token w1)" SERVER_PID=$SERVER bash -c "$BENCH_AFTER"
  fi
  exit 0
fi

echo "== lighthouse on the scan page (mobile, simulated throttling)"
LH_VARS="$(bench/lighthouse.sh "$SCAN_URL" "anxun_session=$(token w1)" "$OUT/lighthouse")"
eval "$LH_VARS"

wrk -t$ENTRANTS -c$ENTRANTS -d"${DURATION}s" -s bench/enter_exit.lua "$BASE" >"$OUT/wrk-enter-exit.txt"
EE_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-enter-exit.txt")
EE_BAD=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-enter-exit.txt")
STORED=$("$(scripts/pg.sh bin)/psql" -qAt "$DB_URL" -c "select count(*) + count(exited_at) from entries where operation_id = '$OP'")

echo "== patrols (bench/patrols.sh)"
BASE="$BASE" OUT="$OUT" DB_URL="$DB_URL" TPS="$TPS" RPS="$RPS" DURATION="$DURATION" CSS="$CSS" bench/patrols.sh

echo "== training (bench/training.sh)"
BASE="$BASE" OUT="$OUT" DB_URL="$DB_URL" TPS="$TPS" DURATION="$DURATION" CSS="$CSS" bench/training.sh

echo "== photos (bench/photos.sh)"
BASE="$BASE" OUT="$OUT" DURATION="$DURATION" bench/photos.sh

echo "== login flood: 1000 connections of login attempts for unknown accounts"
# Baseline first: a signed-in page's p99 with nothing else going on; then the same page while
# wrk keeps 1000 connections of logins busy, the server's memory sampled all the while.
wrk -t1 -c4 -d"${DURATION}s" --latency -H "Cookie: anxun_session=$(token officer)" "$BASE/scan" >"$OUT/wrk-quiet.txt"
QUIET_P99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-quiet.txt")
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVER/status"; }
RSS_BEFORE=$(rss); RSS_PEAK=$RSS_BEFORE
( while kill -0 $SERVER 2>/dev/null; do rss; sleep 0.2; done ) >"$OUT/rss.txt" &
SAMPLER=$!
wrk -t2 -c1000 -d"${DURATION}s" -s bench/login_flood.lua "$BASE" >"$OUT/wrk-flood.txt" &
FLOOD=$!
sleep 1
wrk -t1 -c4 -d"$((DURATION - 2))s" --latency -H "Cookie: anxun_session=$(token officer)" "$BASE/scan" >"$OUT/wrk-during.txt"
wait $FLOOD
kill $SAMPLER 2>/dev/null || true
RSS_PEAK=$(sort -n "$OUT/rss.txt" | tail -1); RSS_AFTER=$(rss)
FLOOD_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-flood.txt")
DURING_P99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-during.txt")
DURING_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-during.txt")
QUIET_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-quiet.txt")

echo "== long-account login flood (bench/long_accounts.sh)"
BASE="$BASE" OUT="$OUT" SERVER=$SERVER bench/long_accounts.sh

echo "== queries per board and scan-page read (counted in a database test)"
# The test counts the statements sqlx runs for the board at 1, 3 and 12 open operations and
# for the scan page's operation read; it fails if any is more than one.
DATABASE_URL="$(scripts/pg.sh url postgres)" cargo test --workspace --lib --locked -- \
  the_board_is_one_query_whatever_the_number_of_open_operations \
  a_scan_reads_the_operation_again_exactly_when_it_changed --nocapture >"$OUT/queries.txt" 2>&1 \
  || { tail -40 "$OUT/queries.txt"; exit 1; }
BOARD_QUERIES=$(sed -n 's/^board queries by open operations: //p' "$OUT/queries.txt")
SCAN_QUERIES=$(sed -n 's/^scan page operation queries: //p' "$OUT/queries.txt")
SCAN_PAGE_QUERIES=$(sed -n 's/^scan page queries, changed \/ unchanged: //p' "$OUT/queries.txt")

WASM_BR=$(br "$WASM"); JS_BR=$(br "$JS"); PAGE_BR=$(br "$OUT/login+css")
MACHINE="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
# The fault suite's section (bench/fault.sh, `make fault`) is its own: kept, at the end.
FAULT_SECTION="$(sed -n '/^## (q) Offline outbox fault suite/,$p' "$ROOT/bench/RESULTS.md" 2>/dev/null || true)"
cat >"$ROOT/bench/RESULTS.md" <<MD
# Benchmark results

Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $MACHINE, by \`bench/run.sh\`
(release build; WASM from the \`wasm-release\` profile plus \`wasm-opt -Oz\`). Loopback, one run:
absolute figures are noisy, ratios within the run are what to compare.

## (a) Release WASM and JS

| file | raw | gzip -9 | brotli -q 11 |
|---|---|---|---|
| anxun.wasm | $(kb "$(raw "$WASM")") | $(kb "$(gz "$WASM")") | $(kb "$WASM_BR") |
| anxun.js | $(kb "$(raw "$JS")") | $(kb "$(gz "$JS")") | $(kb "$JS_BR") |
| **WASM + JS** | | | **$(kb $((WASM_BR + JS_BR)))** (budget 250 KB) |

Only pages with an island load them (today the CSV import page, \`/admin/users/import\`).

## (b) Login page, first load

| what | raw | brotli -q 11 |
|---|---|---|
| HTML | $(kb "$(raw "$OUT/login.html")") | $(kb "$(br "$OUT/login.html")") |
| CSS | $(kb "$(raw "$CSS")") | $(kb "$(br "$CSS")") |
| **HTML + CSS** | $(kb "$(raw "$OUT/login+css")") | **$(kb "$PAGE_BR")** (budget 14 KB) |

## (c) Login page under load

\`wrk -t2 -c32 -d${DURATION}s\` on \`GET /login\` (server-rendered, not signed in):
**$RPS requests/s**, p99 **$P99**.

## (e) Scan page (what a worker's phone loads after scanning a QR)

| what | brotli -q 11 |
|---|---|
| HTML (signed in, an entrant, operation open with one person inside) | $(kb "$(br "$OUT/scan.html")") |
| HTML + CSS | $(kb "$(br "$OUT/scan+css")") |

The scan page has no island, so it loads no WASM or JS: HTML + CSS is all of it.

Three rounds of \`wrk -t2 -c32 -d${DURATION}s\`, each on the login page and then at once on the
scan page (signed in as an entrant of an approved operation with one person inside), so both
see the same load from the rest of the machine:

| round | login | scan page | scan p99 | scan ÷ login |
|---|---|---|---|---|
$(awk '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$SCAN_ROUNDS")

Median round: **$SCAN_RPS requests/s**, p99 **$SCAN_P99**, **${SCAN_RATIO}×** the login page's
(target ≥ 0.2×). A scan runs one query when the operation did not change since the last scan
(the token, the space and its open operation's version: \`spaces::db::landing\`), and one more
when it did (\`operations::panel_cache\`: triggers move \`operation_versions\` in the transaction
of every change the page shows); the session comes from the process's session cache
(\`auth::server::session_cache\`); one connection for all of it (sqlx pings each connection it
takes back, a round trip); the page is loaded whole before it renders (no nested \`Suspense\`).

## (g) Scan page in Lighthouse (a phone on slow 4G)

Lighthouse $(node -p "require('$ROOT/bench/lighthouse/node_modules/lighthouse/package.json').version")
(\`bench/lighthouse.sh\`) in Debian's Chromium, mobile form factor, simulated throttling
(150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown), signed in as a worker; median of $(ls "$OUT/lighthouse"/run-*.json | wc -l) runs by
largest contentful paint:

| performance score | first contentful paint | largest contentful paint | bytes transferred | requests |
|---|---|---|---|---|
| **$LH_SCORE** | $(awk -v m="$LH_FCP_MS" 'BEGIN { printf "%.2f s", m/1000 }') | **$(awk -v m="$LH_LCP_MS" 'BEGIN { printf "%.2f s", m/1000 }')** (budget 1.2 s) | $(kb "$LH_BYTES") | $LH_REQUESTS |

## (f) Entry and exit submissions

$ENTRANTS entrants (one wrk thread and connection each) going in and out of one approved
operation through \`/api/v1/operations/enter|exit\`, each with a fresh client id and every rule
checked (permit, list, training, attendant, gas test, row lock): **$EE_RPS submissions/s**
(non-2xx: ${EE_BAD:-0}; $STORED entries and exits stored), that is
**$(awk -v a="$EE_RPS" -v b="$TPS" 'BEGIN { printf "%.2f", a / b }')×** the same run's pgbench insert rate below.

## (i) A login flood

\`wrk -t2 -c1000 -d${DURATION}s\` of login attempts for accounts that do not exist
(\`bench/login_flood.lua\`), all from one address, while a signed-in officer's page (\`/scan\`,
\`wrk -t1 -c4\`) is measured; its p99 with nothing else going on was measured first, in the same run.
Login attempts answered: **$FLOOD_RPS/s** (most refused by the per-address limit before any
password check; the rest hashed one per core). Server memory: **$RSS_BEFORE MiB** before,
**$RSS_PEAK MiB** at peak, $RSS_AFTER MiB after. The signed-in page: p99 **$QUIET_P99** quiet,
**$DURING_P99** during the flood ($QUIET_RPS and $DURING_RPS requests/s).

$(cat "$OUT/long_accounts.md")

$(cat "$OUT/patrols.md")

$(cat "$OUT/training.md")

$(cat "$OUT/photos.md")

## (h) Queries per read

Statements sqlx ran, counted by \`operations::tests::board::the_board_is_one_query_whatever_the_number_of_open_operations\`:
the officers' board at (open operations, queries) **$BOARD_QUERIES**; the scan page's operation
read: **$SCAN_QUERIES** query (before: 2N+1 for the board, about nine in sequence for the scan page).
The whole scan page (\`operations::tests::panel_cache::a_scan_reads_the_operation_again_exactly_when_it_changed\`),
after the operation changed / when it did not: **$SCAN_PAGE_QUERIES** queries.

## (d) PostgreSQL baseline

\`pgbench -n -c8 -j2 -T$DURATION\`, one-row INSERT (uuid, 64-byte text, timestamptz) on the same
private cluster: **$TPS tps**. Later write paths are reported as a ratio to this figure.
MD
[ -z "$FAULT_SECTION" ] || printf '\n%s\n' "$FAULT_SECTION" >>"$ROOT/bench/RESULTS.md"
echo; cat "$ROOT/bench/RESULTS.md"
