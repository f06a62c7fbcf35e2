#!/usr/bin/env bash
# `make run`: serve Anxun with demo data on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/pg.sh start
  trap 'scripts/pg.sh stop' EXIT
  export DATABASE_URL="$(scripts/pg.sh url anxun)"
fi
# Plain http on loopback: cookies without the Secure flag. Unset this behind https.
export ANXUN_INSECURE_COOKIES="${ANXUN_INSECURE_COOKIES:-1}"
export ANXUN_DEMO_DATA=1
cargo leptos serve
