#!/usr/bin/env bash
# Training sign-in benchmarks, called by bench/run.sh against its running release server, or
# by hand against a release server started as run.sh starts it (demo data loaded, a fresh
# database) with these variables set:
#   BASE      the server, e.g. http://127.0.0.1:3400
#   OUT       where outputs go (bench/out)
#   DB_URL    the server's database (seeded here by SQL)
#   TPS       the same run's pgbench one-row INSERT rate
#   DURATION  seconds per wrk run (under 10 minutes: the scan's ticket lasts that long)
# Measures:
#   (n) sign-ins per second: BENCH_SIGNIN_CONNECTIONS (200) connections of wrk, each request
#       a different seeded worker with their own session cookie, all signing in to one
#       session (bench/training_signin.lua), against the pgbench insert rate
#   (o) the projector's QR page (/training/sessions/<id>/qr): bytes as sent and brotli
#   (p) the sign-in page a scan leads to (/training/signin/<token>?ticket=…): HTML + CSS
#       brotli, and Lighthouse mobile (bench/lighthouse.sh)
# and writes the figures as a Markdown fragment to $OUT/training.md (run.sh puts it in RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASE:?} ${OUT:?} ${DB_URL:?} ${TPS:?} ${DURATION:?} ${CSS:?}"
WORKERS="${BENCH_SIGNIN_WORKERS:-30000}"
CONNECTIONS="${BENCH_SIGNIN_CONNECTIONS:-200}"
THREADS=2
PSQL=(psql -qAt -v ON_ERROR_STOP=1 "$DB_URL")
JARS="$OUT/training-jars"; mkdir -p "$JARS"
source bench/lib.sh

echo "== training: one session and ${WORKERS} signed-in workers (SQL)"
TRAINER_ID=$("${PSQL[@]}" -c "select id from users where mobile = '13800000003'")
SEED_START=$(date +%s)
mapfile -t SEEDED < <("${PSQL[@]}" -v code=DEMO -v workers="$WORKERS" -v trainer="$TRAINER_ID" \
  -f bench/training_seed.sql)
SEED_SECONDS=$(( $(date +%s) - SEED_START ))
SESSION="${SEEDED[0]}"; TOKEN="${SEEDED[1]}"
[ -n "$SESSION" ] && [ -n "$TOKEN" ] || { echo "seeding the training session failed" >&2; exit 1; }

echo "== (o) the projector page"
login trainer 13800000003
QR_PAGE="$BASE/training/sessions/$SESSION/qr"
curl -fsS -b "$JARS/trainer" -H 'accept-encoding: identity' "$QR_PAGE" >"$OUT/projector.html"
# As a browser gets it (the server compresses pages on the fly).
QR_SENT=$(curl -fsS -b "$JARS/trainer" -H 'accept-encoding: br, gzip' -o /dev/null -w '%{size_download}' "$QR_PAGE")
QR_ENCODING=$(curl -fsS -b "$JARS/trainer" -H 'accept-encoding: br, gzip' -o /dev/null -D - "$QR_PAGE" \
  | awk -F': ' 'tolower($1) == "content-encoding" {gsub("\r", "", $2); print $2}')
curl -fsS "$BASE/projector.css" >"$OUT/projector.css"
cat "$OUT/projector.html" "$OUT/projector.css" >"$OUT/projector+css"
grep -q 'http-equiv="refresh"' "$OUT/projector.html" || { echo "no refresh on $QR_PAGE" >&2; exit 1; }
# The QR's URL, as the browser tests read it.
QR_URL=$(grep -o 'data-url="[^"]*"' "$OUT/projector.html" | head -1 | sed 's/^data-url="//; s/"$//')
[ -n "$QR_URL" ] || { echo "no QR URL on $QR_PAGE" >&2; exit 1; }

# A phone's scan: the QR's URL answers with the sign-in page and the scan's ticket (good for
# 10 minutes). The QR page is read again each time: its code changes every 30 seconds.
# Scanned before any login, the ticket is the scanning browser's: its `anxun_scan` cookie is
# kept in $OUT/scan-cookie and sent with the sign-ins (one phone passed round, as it were).
scan() {
  local url location
  url=$(curl -fsS -b "$JARS/trainer" "$QR_PAGE" | grep -o 'data-url="[^"]*"' | head -1 | sed 's/^data-url="//; s/"$//')
  location=$(curl -fsS -o /dev/null -D "$OUT/scan-headers" -w '%{redirect_url}' "$url")
  [ "${location##*ticket=}" != "$location" ] || { echo "the scan of $url gave no ticket ($location)" >&2; exit 1; }
  grep -io 'anxun_scan=[0-9a-f]*' "$OUT/scan-headers" | head -1 >"$OUT/scan-cookie"
  echo "$location"
}

echo "== (p) the sign-in page: bytes and Lighthouse"
# The last seeded worker, not signed in to the session yet: the page shows the 签到 button.
SIGNIN_PAGE="$(scan)"
SIGNIN_COOKIE="anxun_session=bench-signin-$WORKERS; $(cat "$OUT/scan-cookie")"
curl -fsS -H "Cookie: $SIGNIN_COOKIE" -H 'accept-encoding: identity' "$SIGNIN_PAGE" >"$OUT/signin.html"
grep -q 'id="sign-in"' "$OUT/signin.html" || { echo "no 签到 button at $SIGNIN_PAGE" >&2; exit 1; }
cat "$OUT/signin.html" "$CSS" >"$OUT/signin+css"
LH_VARS="$(bench/lighthouse.sh "$SIGNIN_PAGE" "$SIGNIN_COOKIE" "$OUT/lighthouse-signin")"
eval "$(printf '%s\n' "$LH_VARS" | sed 's/^LH_/SLH_/')"

echo "== (n) sign-ins: ${CONNECTIONS} connections, one worker each (${DURATION}s)"
LOCATION="$(scan)"
TICKET="${LOCATION##*ticket=}"
BEFORE=$("${PSQL[@]}" -c "select count(*) from training_attendance where session_id = '$SESSION'")
BENCH_WORKERS="$WORKERS" BENCH_TOKEN="$TOKEN" BENCH_TICKET="$TICKET" BENCH_THREADS="$THREADS" \
  BENCH_SCAN_COOKIE="$(cat "$OUT/scan-cookie")" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/training_signin.lua "$BASE" \
  >"$OUT/wrk-training-signin.txt"
SIGNIN_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-training-signin.txt")
SIGNIN_P99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-training-signin.txt")
SIGNIN_BAD=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-training-signin.txt")
STORED=$(( $("${PSQL[@]}" -c "select count(*) from training_attendance where session_id = '$SESSION'") - BEFORE ))
AUDITED=$("${PSQL[@]}" -c "select count(*) from audit_log where action = 'training.sign_in' and subject_id = '$SESSION'")
STORED_RATE=$(awk -v n="$STORED" -v s="$DURATION" 'BEGIN { printf "%.0f", n / s }')
# The projector's count after the rush: one query for the three figures.
curl -fsS -b "$JARS/trainer" -H 'accept-encoding: identity' "$QR_PAGE" >"$OUT/projector-after.html"
SHOWN=$(grep -o 'data-signed-in="[0-9]*"' "$OUT/projector-after.html" | grep -o '[0-9]*')

cat >"$OUT/training.md" <<MD
## (n) Training sign-ins by scan

One session of the demo enterprise, open to all; $WORKERS workers seeded by SQL in ${SEED_SECONDS}s
(\`bench/training_seed.sql\`), each with a session cookie of their own (no login). One scan of
the projector's QR (its URL answered with the sign-in page and a ticket), then
\`bench/training_signin.lua\`, \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s\`: form posts to
\`/api/v1/training/sign_in\`, each as the next worker (the $CONNECTIONS connections in flight are
$CONNECTIONS different people), a fresh client id each, every rule checked (enterprise, ticket,
time window, invitation) in one audited step (attendance row and audit row):
**$SIGNIN_RPS requests/s**, p99 **$SIGNIN_P99** (non-2xx: ${SIGNIN_BAD:-0}); $STORED people signed in
($AUDITED audit rows), **$STORED_RATE sign-ins/s**, that is **$(ratio "$STORED_RATE" "$TPS")×** the same
run's pgbench insert rate in (d). (Requests past the last worker come round to the first
ones again and are answered 已签到, storing nothing.) The projector then showed $SHOWN signed in.

## (o) The projector's QR page

\`/training/sessions/<id>/qr\`, plain HTML without script that reloads itself when the code
changes (every 30 s): **$(kb "$QR_SENT")** sent (${QR_ENCODING:-identity}) per reload;
$(kb "$(wc -c <"$OUT/projector.html")") raw, $(kb "$(br "$OUT/projector.html")") brotli -q 11;
with its stylesheet (\`/projector.css\`, kept by the browser) $(kb "$(br "$OUT/projector+css")") brotli.

## (p) The sign-in page a scan leads to

\`/training/signin/<token>?ticket=…\`, signed in as a worker who has not signed in yet (the
session, and the 签到 button: a plain form post, no script).

| what | brotli -q 11 |
|---|---|
| HTML | $(kb "$(br "$OUT/signin.html")") |
| HTML + CSS | $(kb "$(br "$OUT/signin+css")") |

Lighthouse (as in (g), \`bench/lighthouse.sh\`), median of $(ls "$OUT/lighthouse-signin"/run-*.json | wc -l) runs by largest contentful paint:

| performance score | first contentful paint | largest contentful paint | bytes transferred | requests |
|---|---|---|---|---|
| **$SLH_SCORE** (target ≥ 95) | $(awk -v m="$SLH_FCP_MS" 'BEGIN { printf "%.2f s", m/1000 }') | **$(awk -v m="$SLH_LCP_MS" 'BEGIN { printf "%.2f s", m/1000 }')** (budget 1.2 s) | $(kb "$SLH_BYTES") | $SLH_REQUESTS |
MD
echo "training: $(tr '\n' ' ' <"$OUT/training.md" | head -c 200)…"
