#!/usr/bin/env bash
# Benchmark harness, run by hand (not in CI): `make bench`.
# Builds a release, then measures in one run, on this machine:
#   (a) release WASM and JS sizes: raw, gzip -9, brotli -q 11
#   (b) the login page's HTML + CSS bytes (brotli)
#   (c) login page requests/s and p99 under wrk on loopback
#   (d) pgbench's one-row INSERT rate on the same private cluster: the baseline that later
#       write paths are reported against, as a ratio
# and writes bench/RESULTS.md. Figures from a noisy 2-core machine: compare ratios, not values.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/anxun/target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/anxun/tools/node_modules/.bin:$PATH"
scripts/deps.sh bench
OUT="$ROOT/bench/out"; rm -rf "$OUT"; mkdir -p "$OUT"
ADDR=127.0.0.1:3400
DURATION="${BENCH_SECONDS:-10}"

echo "== release build"
cargo leptos build --release >"$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }

gz() { gzip -9 -c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }
raw() { wc -c <"$1"; }
PKG="$ROOT/target/site/pkg"
WASM="$PKG/anxun.wasm"; JS="$PKG/anxun.js"; CSS="$PKG/anxun.css"

echo "== database and server"
scripts/pg.sh start
scripts/pg.sh recreate anxun_bench
DB_URL="$(scripts/pg.sh url anxun_bench)"
DATABASE_URL="$DB_URL" ANXUN_DEMO_DATA=1 ANXUN_INSECURE_COOKIES=1 \
  LEPTOS_SITE_ADDR="$ADDR" LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=anxun LEPTOS_ENV=PROD RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/anxun" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://$ADDR/healthz" >/dev/null && break; sleep 0.5; done

curl -fs -H 'accept-encoding: identity' "http://$ADDR/login" >"$OUT/login.html"
cat "$OUT/login.html" "$CSS" >"$OUT/login+css"

echo "== wrk (${DURATION}s) on /login"
wrk -t2 -c32 -d"${DURATION}s" --latency "http://$ADDR/login" >"$OUT/wrk.txt"
RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
P99=$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")

echo "== pgbench (${DURATION}s) one-row INSERT"
PGBIN="$(scripts/pg.sh bin)"
PGURL="$DB_URL"
"$PGBIN/psql" -q "$PGURL" -c "create table if not exists bench_insert (id uuid primary key, payload text not null, created_at timestamptz not null default now())"
printf 'insert into bench_insert (id, payload) values (gen_random_uuid(), repeat(%s, 64));\n' "'x'" >"$OUT/insert.sql"
"$PGBIN/pgbench" -n -c8 -j2 -T"$DURATION" -f "$OUT/insert.sql" "$PGURL" >"$OUT/pgbench.txt" 2>&1
TPS=$(awk -F'= ' '/^tps/ {split($2,a," "); print a[1]}' "$OUT/pgbench.txt")

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b/1024 }'; }
WASM_BR=$(br "$WASM"); JS_BR=$(br "$JS"); PAGE_BR=$(br "$OUT/login+css")
MACHINE="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
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

## (b) Login page, first load

| what | raw | brotli -q 11 |
|---|---|---|
| HTML | $(kb "$(raw "$OUT/login.html")") | $(kb "$(br "$OUT/login.html")") |
| CSS | $(kb "$(raw "$CSS")") | $(kb "$(br "$CSS")") |
| **HTML + CSS** | $(kb "$(raw "$OUT/login+css")") | **$(kb "$PAGE_BR")** (budget 14 KB) |

## (c) Login page under load

\`wrk -t2 -c32 -d${DURATION}s\` on \`GET /login\` (server-rendered, not signed in):
**$RPS requests/s**, p99 **$P99**.

## (d) PostgreSQL baseline

\`pgbench -n -c8 -j2 -T$DURATION\`, one-row INSERT (uuid, 64-byte text, timestamptz) on the same
private cluster: **$TPS tps**. Later write paths are reported as a ratio to this figure.
MD
echo; cat "$ROOT/bench/RESULTS.md"
