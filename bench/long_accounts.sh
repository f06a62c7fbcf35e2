#!/usr/bin/env bash
# (r) A long-account login flood, run by bench/run.sh (in a full run, and alone with
# BENCH_ONLY=longaccount). Sends LONG_N (600) login attempts that are not signed in, LONG_PARALLEL
# (8) at a time, each with its own account of LONG_BYTES (1.9 MB) and its own client address
# (`X-Real-IP`: bench/run.sh starts the server with ANXUN_BEHIND_PROXY=1, so this is a flood from
# LONG_N machines and the per-address limit hides nothing), then the same LONG_N again. The
# server's memory (VmRSS) is sampled every 0.2 s: idle before, peak, and LONG_SETTLE (10) s after.
# Before issue 20 the same 600 accounts grew the server by 1.15 GB, which it kept. Target: less
# than LONG_LIMIT_MIB (200) MiB above idle at peak.
#
# Needs BASE (http://host:port), OUT (a directory) and SERVER (the server's pid); writes
# $OUT/long_accounts.md (the section) and $OUT/long_accounts.env (the figures, for a caller).
set -euo pipefail
: "${BASE:?}" "${OUT:?}" "${SERVER:?}"
N="${LONG_N:-600}"
PARALLEL="${LONG_PARALLEL:-8}"
BYTES="${LONG_BYTES:-1900000}"
SETTLE="${LONG_SETTLE:-10}"
LIMIT_MIB="${LONG_LIMIT_MIB:-200}"
DIR="$OUT/long_accounts"
rm -rf "$DIR"; mkdir -p "$DIR"

# The shared tail of every account; each attempt puts its own number in front, so no two
# accounts are alike (the issue's flood used distinct accounts).
head -c "$BYTES" /dev/zero | tr '\0' '1' >"$DIR/tail"

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVER/status"; }

# One attempt: its number ($1), its answer's status on stdout ("000" when the server closed
# the connection while the body was still being sent, which is a refusal too).
send_one() {
  local i=$1
  { printf 'account=%06d' "$i"; cat "$DIR/tail"; printf '&password=guess-guess'; } |
    curl -sS -o /dev/null -w '%{http_code}\n' --max-time 60 \
      -H 'Content-Type: application/x-www-form-urlencoded' -H 'Expect:' \
      -H "X-Real-IP: 10.77.$((i / 250)).$((i % 250 + 1))" \
      --data-binary @- "$BASE/auth/login" 2>/dev/null || true
}
export -f send_one
export DIR BASE

# One round: attempts 1..N, PARALLEL at a time; prints how long it took, in seconds.
round() {
  local started ended
  started=$(date +%s.%N)
  seq 1 "$N" | xargs -P "$PARALLEL" -I{} bash -c 'send_one {}' >>"$DIR/codes.txt"
  ended=$(date +%s.%N)
  awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }'
}

sleep 2
RSS_IDLE=$(rss)
( while kill -0 "$SERVER" 2>/dev/null; do rss; sleep 0.2; done ) >"$DIR/rss.txt" &
SAMPLER=$!
FIRST_S=$(round)
RSS_FIRST=$(rss)
SECOND_S=$(round)
sleep "$SETTLE"
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
RSS_AFTER=$(rss)
RSS_PEAK=$( (cat "$DIR/rss.txt"; echo "$RSS_IDLE") | sort -n | tail -1)
GROWTH=$((RSS_PEAK - RSS_IDLE))
if [ "$GROWTH" -lt "$LIMIT_MIB" ]; then VERDICT="within"; else VERDICT="**over**"; fi
# "600 × 303, 600 × 000": how each attempt was answered.
CODES=$(sort "$DIR/codes.txt" | uniq -c | sort -rn | awk '{printf "%s%s × %s", (NR > 1 ? ", " : ""), $1, $2}')
SENT_MB=$(awk -v n="$N" -v b="$BYTES" 'BEGIN { printf "%.0f", 2 * n * b / 1e6 }')

cat >"$OUT/long_accounts.env" <<ENV
LONG_RSS_IDLE=$RSS_IDLE
LONG_RSS_PEAK=$RSS_PEAK
LONG_RSS_AFTER=$RSS_AFTER
LONG_GROWTH=$GROWTH
ENV

cat >"$OUT/long_accounts.md" <<MD
## (r) A long-account login flood

$N login attempts without a session, $PARALLEL at a time (curl), each with its own account of
$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB and its own client address (\`X-Real-IP\`, the server behind a proxy: a flood from $N
machines, so the per-address limit hides nothing), then the same $N again
(\`bench/long_accounts.sh\`; $SENT_MB MB sent in all). Answers: $CODES (303 is the redirect back
to the login page; 000 a connection the server closed before the body was sent). Rounds took
$FIRST_S s and $SECOND_S s. Server memory: **$RSS_IDLE MiB** idle before, $RSS_FIRST MiB after the
first round, **$RSS_PEAK MiB** at peak (**+$GROWTH MiB**, $VERDICT the target of < $LIMIT_MIB MiB above
idle), $RSS_AFTER MiB ${SETTLE} s after. Before issue 20, 600 such attempts grew the server by
1.15 GB, which it kept: each account became a rate-limit key and came back in the redirect; now a login
body is read up to 16 KB and an account's length is checked before the rate limit.
MD
echo "(r) long accounts: idle $RSS_IDLE MiB, peak $RSS_PEAK MiB (+$GROWTH), after $RSS_AFTER MiB; $CODES"
