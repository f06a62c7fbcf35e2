#!/usr/bin/env bash
# Installs what is missing, and nothing else, on a Debian machine (as root or with sudo).
#   scripts/deps.sh run     what `make run` needs
#   scripts/deps.sh test    also what `make test` needs (Chromium, Playwright)
#   scripts/deps.sh bench   also what bench/run.sh needs (wrk, brotli, pgbench, Lighthouse)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODE="${1:-run}"
CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0
TOOLS="${ANXUN_TOOLS_DIR:-$HOME/.cache/anxun/tools}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export PATH="$HOME/.cargo/bin:$PATH"

apt_missing=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }

ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt postgresql
need_apt postgresql-client
command -v npm >/dev/null || need_apt npm
if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
  need_apt chromium
  need_apt zbar-tools
fi
if [ "$MODE" = bench ]; then
  need_apt wrk; need_apt brotli; need_apt postgresql-contrib
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "installing: ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  echo "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while, once per machine)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock to the patch level.
WBG="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  echo "installing wasm-bindgen-cli $WBG"
  cargo install wasm-bindgen-cli --version "=$WBG"
fi

# wasm-opt from npm's binaryen (Debian's 108 produces a WASM that fails at start).
if [ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null)
fi

if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ]; then
    (cd "$ROOT/end2end" && npm ci --silent --no-audit --no-fund)
  fi
fi

if [ "$MODE" = bench ]; then
  # Lighthouse, pinned in bench/lighthouse/package-lock.json; it drives Debian's Chromium.
  if [ ! -x "$ROOT/bench/lighthouse/node_modules/.bin/lighthouse" ]; then
    (cd "$ROOT/bench/lighthouse" && npm ci --silent --no-audit --no-fund)
  fi
fi
