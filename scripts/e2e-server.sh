#!/usr/bin/env bash
# The browser tests' server, started and stopped on demand (scripts/e2e.sh starts it once; the
# offline specs take it down like a lost connection and bring it back on the same address).
#
#   scripts/e2e-server.sh start          start it (if not running) and wait for /healthz
#   scripts/e2e-server.sh stop [SIGNAL]  stop it (KILL by default: like a cut connection, no
#                                        goodbye; TERM for a clean stop) and wait until it is gone
#   scripts/e2e-server.sh pid            the running server's pid (empty if none)
#
# Everything it needs is in the state directory $ANXUN_E2E_STATE (scripts/e2e.sh writes it):
# `env` (the server's environment, one `export NAME=value` a line), `bin` (the binary),
# `addr`, and it keeps `pid` and appends the server's output to `server.log` there.
set -euo pipefail
STATE="${ANXUN_E2E_STATE:?ANXUN_E2E_STATE must name the state directory scripts/e2e.sh wrote}"

running_pid() {
  local pid
  pid="$(cat "$STATE/pid" 2>/dev/null || true)"
  [ -n "$pid" ] || return 1
  # A zombie still answers kill -0: only a live process counts.
  local state
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  # A pid left from an earlier run may now be another program's: only ours counts.
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(cat "$STATE/bin")" ] || return 1
  echo "$pid"
}

healthy() { curl -fs -o /dev/null --max-time 2 "http://$(cat "$STATE/addr")/healthz"; }

start() {
  if running_pid >/dev/null; then
    wait_healthy
    return
  fi
  (
    # shellcheck disable=SC1091
    source "$STATE/env"
    # No terminal, output to the log: the caller (a test) does not wait on it.
    exec "$(cat "$STATE/bin")" </dev/null >>"$STATE/server.log" 2>&1
  ) &
  echo $! >"$STATE/pid"
  wait_healthy
}

wait_healthy() {
  for _ in $(seq 1 600); do
    healthy && return 0
    if ! running_pid >/dev/null; then
      echo "e2e-server: the server exited; last lines of $STATE/server.log:" >&2
      tail -20 "$STATE/server.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "e2e-server: no /healthz answer after 60 s" >&2
  return 1
}

stop() {
  local signal="${1:-KILL}" pid
  pid="$(running_pid)" || return 0
  kill -s "$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    running_pid >/dev/null || { rm -f "$STATE/pid"; return 0; }
    sleep 0.1
  done
  kill -s KILL "$pid" 2>/dev/null || true
  sleep 0.2
  rm -f "$STATE/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-KILL}" ;;
  pid) running_pid || true ;;
  *)
    echo "usage: $0 start | stop [SIGNAL] | pid" >&2
    exit 2
    ;;
esac
