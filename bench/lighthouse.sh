#!/usr/bin/env bash
# Lighthouse on one page as a phone sees it: mobile form factor, simulated throttling (slow 4G,
# 4x CPU slowdown), performance only, in Debian's Chromium, signed in by a cookie header.
#   bench/lighthouse.sh URL COOKIE [OUT_DIR]
#     URL      the page, e.g. http://127.0.0.1:3400/c/<token>
#     COOKIE   sent with every request, e.g. "anxun_session=..."
#     OUT_DIR  where the JSON reports go (default bench/out/lighthouse)
# Runs LH_RUNS times (default 3) and prints the run with the median largest contentful paint
# as shell assignments: LH_SCORE LH_FCP_MS LH_LCP_MS LH_BYTES LH_REQUESTS LH_REPORT.
# Needs `npm ci` in bench/lighthouse (scripts/deps.sh bench does it); downloads no browser.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
URL="${1:?usage: bench/lighthouse.sh URL COOKIE [OUT_DIR]}"
COOKIE="${2:?usage: bench/lighthouse.sh URL COOKIE [OUT_DIR]}"
OUT="${3:-$HERE/out/lighthouse}"
RUNS="${LH_RUNS:-3}"
LH="$HERE/lighthouse/node_modules/.bin/lighthouse"
[ -x "$LH" ] || { echo "lighthouse is not installed: (cd bench/lighthouse && npm ci)" >&2; exit 1; }
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
mkdir -p "$OUT"
HEADERS="$(COOKIE="$COOKIE" node -e 'process.stdout.write(JSON.stringify({ Cookie: process.env.COOKIE }))')"

for i in $(seq 1 "$RUNS"); do
  PROFILE="$(mktemp -d)"
  "$LH" "$URL" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$PROFILE" \
    --form-factor=mobile --throttling-method=simulate --only-categories=performance \
    --extra-headers="$HEADERS" --output=json --output-path="$OUT/run-$i.json" \
    || { rm -rf "$PROFILE"; echo "lighthouse run $i failed" >&2; exit 1; }
  rm -rf "$PROFILE"
done

node - "$OUT" "$RUNS" <<'JS'
const fs = require('fs');
const [dir, runs] = process.argv.slice(2);
const results = [];
for (let i = 1; i <= Number(runs); i++) {
  const file = `${dir}/run-${i}.json`;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (r.runtimeError) throw new Error(`${file}: ${r.runtimeError.code} ${r.runtimeError.message}`);
  const a = r.audits;
  const requests = a['network-requests'].details.items;
  results.push({
    file,
    finalUrl: r.finalDisplayedUrl,
    score: Math.round(r.categories.performance.score * 100),
    fcp: Math.round(a['first-contentful-paint'].numericValue),
    lcp: Math.round(a['largest-contentful-paint'].numericValue),
    bytes: Math.round(a['total-byte-weight'].numericValue),
    requests: requests.map((q) => `${q.url.replace(/^https?:\/\/[^/]+/, '')} ${q.transferSize} B`),
  });
}
results.sort((x, y) => x.lcp - y.lcp);
const m = results[Math.floor((results.length - 1) / 2)];
for (const x of results) {
  console.error(`${x.file}: score ${x.score}, FCP ${x.fcp} ms, LCP ${x.lcp} ms, ${x.bytes} B`);
}
console.error(`median run (${m.finalUrl}), requests:\n  ${m.requests.join('\n  ')}`);
console.log(`LH_SCORE=${m.score}`);
console.log(`LH_FCP_MS=${m.fcp}`);
console.log(`LH_LCP_MS=${m.lcp}`);
console.log(`LH_BYTES=${m.bytes}`);
console.log(`LH_REQUESTS=${m.requests.length}`);
console.log(`LH_REPORT=${m.file}`);
JS
