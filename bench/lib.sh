# The helpers every bench script uses, in one place. Source it after setting BASE (the server,
# e.g. http://127.0.0.1:3400) and JARS (a folder for the cookie jars, one per person).
# JSON is read with Node everywhere (the browser tests need it already): `json EXPR` prints the
# JavaScript expression EXPR of the document `d` read from stdin.

json() { node -e "let s=''; process.stdin.on('data', c => s += c).on('end', () => { const d = JSON.parse(s); console.log($1); })"; }
uuid() { cat /proc/sys/kernel/random/uuid; }
# login WHO ACCOUNT [PASSWORD]: signs in and keeps the session in WHO's jar.
login() { curl -fsS -c "$JARS/$1" -o /dev/null --data-urlencode "account=$2" --data-urlencode "password=${3:-Anxun@2026}" "$BASE/auth/login"; }
# api WHO PATH [curl args…]: a server function called as the app's client (JSON answers).
api() { local who=$1 path=$2; shift 2; curl -fsS -b "$JARS/$who" -H 'accept: application/json' "$@" "$BASE/api/$path"; }
# token WHO: WHO's session cookie's value (for wrk's Cookie header).
token() { awk '$6 == "anxun_session" {print $7}' "$JARS/$1"; }
# Sizes of a file: brotli -q 11, gzip -9, raw; bytes as kilobytes.
br() { brotli -q 11 -c "$1" | wc -c; }
gz() { gzip -9 -c "$1" | wc -c; }
raw() { wc -c <"$1"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b/1024 }'; }
# ratio A B: A / B with two decimals (every figure is a ratio to a baseline of the same run).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
