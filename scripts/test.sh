#!/usr/bin/env bash
# `make test`: formatting, lints, unit and database tests, then browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
step() { printf '\n== %s\n' "$*"; }

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
