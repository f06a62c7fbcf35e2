#!/usr/bin/env bash
# `make test`: formatting, lints, unit and database tests, then browser tests in Chromium and
# the offline outbox's fault suite in a small size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
step() { printf '\n== %s\n' "$*"; }

# The shared target folder grows with every build (incremental state, test binaries of earlier
# runs, objects of builds that died): with less than 20 GB free, those caches go first, so a
# run never fails on a full disk. Only caches: the next build remakes what it needs.
TARGET="${CARGO_TARGET_DIR:-target}"
if [ -d "$TARGET/debug" ] && [ "$(df -Pk "$TARGET" | awk 'NR == 2 {print $4}')" -lt $((20 * 1024 * 1024)) ]; then
  echo "less than 20 GB free: clearing $TARGET/debug/incremental and stale build objects"
  rm -rf "$TARGET/debug/incremental"
  find "$TARGET/debug/deps" -maxdepth 1 -type f \( -name '*.rcgu.o' -o -name 'app-*' -o -name 'server-*' -o -name 'anxun-*' \) \
    ! -name '*.d' -mmin +60 -delete 2>/dev/null || true
fi

step "cargo fmt --check"
cargo fmt --all --check

if [ -z "${DATABASE_URL:-}" ]; then
  scripts/pg.sh start
  trap 'scripts/pg.sh stop' EXIT
  # #[sqlx::test] creates and drops one database per test on this server.
  export DATABASE_URL="$(scripts/pg.sh url postgres)"
  E2E_DATABASE_URL="$(scripts/pg.sh url anxun_e2e)"
  scripts/pg.sh recreate anxun_e2e
else
  E2E_DATABASE_URL="$DATABASE_URL"
fi

step "clippy (server build and WASM build)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p app --lib --locked --target wasm32-unknown-unknown \
  --no-default-features --features hydrate -- -D warnings

step "unit and database tests"
# One invocation: the app's features unify with the server's (ssr), so nothing builds twice.
cargo test --workspace --locked

step "browser tests (Chromium, 390x844)"
DATABASE_URL="$E2E_DATABASE_URL" scripts/e2e.sh

step "offline outbox fault suite, small (bench/fault.sh; make fault runs it at full size)"
# Its own PostgreSQL cluster and server (it restarts them), stopped by its own trap. The app
# was just built by the browser tests; no cargo lock of its own (a caller may hold it).
FAULT_N="${FAULT_N:-100}" FAULT_REPEATS="${FAULT_REPEATS:-1}" FAULT_CARGO_LOCK= bench/fault.sh
