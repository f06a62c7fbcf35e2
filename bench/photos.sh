#!/usr/bin/env bash
# The photo decoder under parallel oversized uploads (issue 20, item 9), called by bench/run.sh
# against its running release server (demo data loaded; `BENCH_ONLY=photos make bench` runs
# this section alone), or by hand against a release server started as run.sh starts it, with:
#   BASE      the server, e.g. http://127.0.0.1:3400
#   OUT       where outputs go (bench/out)
#   DURATION  seconds each phase lasts (default 10)
#   RESULTS   if set, the section replaces its last run's in that file (bench/RESULTS.md)
# Measures (s): a normal upload's latency (a 1600 × 1200 photo, the size the phone's shrink
# script sends, one after another by 周师傅), first alone, then while BENCH_PHOTO_PARALLEL (8)
# uploads run at once, over and over, from one other account (王师傅): 60-megapixel PNGs of a
# few hundred KB (over the cap: refused from their header), then 49-megapixel ones (under the
# cap: decoded, the costliest file the server takes). Target: the normal upload's p95 ≤ 2 s
# during both. Writes the figures as a Markdown fragment to $OUT/photos.md.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASE:?} ${OUT:?}"
DURATION="${DURATION:-10}"
PARALLEL="${BENCH_PHOTO_PARALLEL:-8}"
DIR="$OUT/photos"; rm -rf "$DIR"; mkdir -p "$DIR/jars"
JARS="$DIR/jars"
source bench/lib.sh

echo "== photos: the files (python3, zlib)"
# PNGs written row by row: a 1600 × 1200 picture (the normal photo), and black images of
# 10,000 × 6,000 and 7,000 × 7,000 RGB pixels, which deflate to a few hundred KB.
python3 - "$DIR" <<'PY'
import struct, sys, zlib

def png(path, width, height, row_of):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    z = zlib.compressobj(6)
    idat = bytearray()
    for y in range(height):
        idat += z.compress(b"\0" + row_of(y))
    idat += z.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", bytes(idat)))
        f.write(chunk(b"IEND", b""))

out = sys.argv[1]
w, h = 1600, 1200
xs = bytes(x * 255 // w for x in range(w))
def gradient(y):
    # Smooth gradients and 40-pixel squares: some 180 KB, what a shrunk phone photo weighs.
    row = bytearray(w * 3)
    row[0::3] = xs
    row[1::3] = bytes([y * 255 // h]) * w
    row[2::3] = bytes(((x // 40 + y // 40) % 2) * 120 + 60 for x in range(w))
    return bytes(row)
png(f"{out}/normal.png", w, h, gradient)
def blank(width):
    row = bytes(width * 3)
    return lambda y: row
png(f"{out}/over-60mp.png", 10_000, 6_000, blank(10_000))
png(f"{out}/under-49mp.png", 7_000, 7_000, blank(7_000))
PY

login normal 13800000007
login attacker 13800000001

# One upload by $1 of file $2: "<status> <seconds>".
upload() {
  curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -b "$DIR/jars/$1" -H 'accept: application/json' \
    -F "client_id=$(uuid)" -F "photo=@$2;type=image/png" "$BASE/api/v1/photos/upload" || echo "000 0"
}
# Uploads by $1 of $2, one after another, for $3 seconds, appended to $4.
uploads_for() {
  local end=$((SECONDS + $3))
  while [ $SECONDS -lt $end ]; do upload "$1" "$2" >>"$4"; done
}
# "count p50 p95 max" of the seconds in $1 (answers that were not 200 are counted apart).
stats() {
  awk '$1 == 200 {print $2}' "$1" | sort -n | awk '
    { t[NR] = $1 }
    function at(q,  i) { i = int(NR * q); if (i < NR * q) i++; return t[i < 1 ? 1 : i] }
    END {
      if (NR == 0) { print "0 - - -"; exit }
      printf "%d %.2f %.2f %.2f\n", NR, at(0.50), at(0.95), t[NR]
    }'
}
# "200s / 422s / 503s (others)" of the answers in $1.
answers() {
  awk '{n[$1]++} END {
    other = 0; for (s in n) if (s != 200 && s != 422 && s != 503) other += n[s]
    printf "%d / %d / %d", n[200], n[422], n[503]; if (other) printf " (%d other)", other }' "$1"
}

echo "== photos: normal uploads alone (${DURATION}s)"
uploads_for normal "$DIR/normal.png" "$DURATION" "$DIR/quiet.txt"
echo "== photos: one 49-megapixel upload alone, three times"
for _ in 1 2 3; do upload attacker "$DIR/under-49mp.png" >>"$DIR/alone-49mp.txt"; done
ALONE_49=$(awk '{print $2}' "$DIR/alone-49mp.txt" | sort -n | sed -n 2p | awk '{printf "%.2f", $1}')

# $PARALLEL uploads of $1 at once by the attacker, over and over, while the normal uploads are
# timed; the attackers start a second early and stop after the last normal upload.
phase() {
  local file=$1 name=$2 pids=()
  echo "== photos: normal uploads during ${PARALLEL} parallel uploads of $(basename "$file") (${DURATION}s)"
  for i in $(seq 1 "$PARALLEL"); do
    uploads_for attacker "$file" $((DURATION + 2)) "$DIR/$name-attack-$i.txt" &
    pids+=($!)
  done
  sleep 1
  uploads_for normal "$DIR/normal.png" "$DURATION" "$DIR/$name.txt"
  wait "${pids[@]}"
  cat "$DIR/$name"-attack-*.txt >"$DIR/$name-attack.txt"
}
phase "$DIR/over-60mp.png" over
phase "$DIR/under-49mp.png" under

row() { # label, normal file, attack file
  read -r n p50 p95 max < <(stats "$2")
  local verdict="–"
  [ "$p95" = - ] || verdict=$(awk -v p="$p95" 'BEGIN { print (p <= 2.0) ? "yes" : "**no**" }')
  echo "| $1 | $n | $p50 s | **$p95 s** | $max s | $verdict | ${3:+$(answers "$3")} |"
}
cat >"$OUT/photos.md" <<MD
## (s) Photo decoder under parallel oversized uploads

\`bench/photos.sh\`: a normal upload (\`POST /api/v1/photos/upload\`, a 1600 × 1200 PNG of
$(kb "$(wc -c <"$DIR/normal.png")"), the size the phone's shrink script sends) by one worker, one after another
for ${DURATION} s, first alone, then while ${PARALLEL} uploads run at once, over and over, from one
other account: 60-megapixel PNGs of $(kb "$(wc -c <"$DIR/over-60mp.png")") (over the 50-megapixel cap: refused
from their header) and 49-megapixel PNGs of $(kb "$(wc -c <"$DIR/under-49mp.png")") (under it: decoded, the
costliest file the server takes; one alone took **${ALONE_49} s**). Decoding runs one per core and
one per person; who waits over 10 s is answered 503 "busy, try again" (\`photos::gate\`).

| during | normal uploads | p50 | p95 | max | p95 ≤ 2 s | the ${PARALLEL} others answered 200 / 422 / 503 |
|---|---|---|---|---|---|---|
$(row "nothing else" "$DIR/quiet.txt" "")
$(row "${PARALLEL} × 60 MP (over the cap)" "$DIR/over.txt" "$DIR/over-attack.txt")
$(row "${PARALLEL} × 49 MP (under the cap)" "$DIR/under.txt" "$DIR/under-attack.txt")
MD
cat "$OUT/photos.md"

if [ -n "${RESULTS:-}" ]; then
  # The section replaces its last run's; without one it goes before the fault suite's (q), or last.
  python3 - "$RESULTS" "$OUT/photos.md" <<'PY'
import re, sys
results, section = sys.argv[1], open(sys.argv[2]).read().strip() + "\n"
text = open(results).read() if __import__("os").path.exists(results) else "# Benchmark results\n"
old = re.search(r"^## \(s\) .*?(?=^## |\Z)", text, re.S | re.M)
if old:
    text = text[:old.start()] + section + "\n" + text[old.end():]
else:
    fault = re.search(r"^## \(q\) ", text, re.M)
    at = fault.start() if fault else len(text)
    text = text[:at].rstrip("\n") + "\n\n" + section + "\n" + text[at:]
open(results, "w").write(text.rstrip("\n") + "\n")
PY
fi
