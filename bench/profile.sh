#!/usr/bin/env bash
# Profile Sigil under load with perf and say where the CPU goes (bench/perf_buckets.py).
#
#   bench/profile.sh                      client credentials, c=16
#   bench/profile.sh refresh              refresh rotation (SQLite), c=16, RS256 ID tokens
#   bench/profile.sh refresh-es           the same with a client that registered ES256 ID tokens
#   bench/profile.sh cc 8                 record 8 s (default 6)
#
# Uses the release binaries (builds them if needed), oha from bench/.tools (run bench/run.sh once),
# and perf (Debian: apt-get install linux-perf). The server runs on the last CPU and the load on the
# others, as in run.sh. Stacks are unwound with DWARF (Rust release builds have no frame pointers;
# the release profile keeps line tables). The perf data and the full report stay in the printed
# work directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
SCENARIO=${1:-cc}
RECORD_SECS=${2:-6}
[[ "$SCENARIO" == cc || "$SCENARIO" == refresh || "$SCENARIO" == refresh-es ]] || {
  echo "usage: $0 [cc|refresh|refresh-es] [SECONDS]" >&2
  exit 2
}
command -v perf >/dev/null || {
  echo "perf not found (Debian: apt-get install linux-perf)" >&2
  exit 1
}
OHA="$BENCH_DIR/.tools/bin/oha"
[[ "$SCENARIO" != cc || -x "$OHA" ]] || {
  echo "oha not found in bench/.tools: run bench/run.sh once" >&2
  exit 1
}
(cd "$ROOT" && cargo build -q --release -p sigil -p sigil-bench)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sigil-profile.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

NCPU=$(nproc)
SERVER=(taskset -c $((NCPU - 1)))
LOAD=(taskset -c 0)
((NCPU >= 2)) || SERVER=() LOAD=()
DB="sqlite://$WORK/sigil-data/sigil.db"
ENVS=(PATH="$PATH" SIGIL_DATABASE_URL="$DB" SIGIL_SECURITY_MASTER_KEY_FILE="$WORK/master.key" SIGIL_SERVER_LOG_LEVEL=warn SIGIL_RATE_LIMITS_ENABLED=false)
(cd "$WORK" && env -i "${ENVS[@]}" "$BIN/sigil" import "$ROOT/examples/contoso.toml" >/dev/null)
(cd "$WORK" && env -i "${ENVS[@]}" "$BIN/sigil" import "$ROOT/bench/fixtures/es256-ids.toml" >/dev/null)
REFRESH_CLIENT=(--client-id legacy-cli --secret legacy-secret-change-me-0123456789abcdef)
[[ "$SCENARIO" == refresh-es ]] &&
  REFRESH_CLIENT=(--client-id bench-es256-ids --secret bench-es256-ids-secret-0123456789abcdef)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
if [[ "$SCENARIO" == refresh* ]]; then
  "$BIN/sigil-bench" seed-grants --database-url "$DB" --count 2000 --client "${REFRESH_CLIENT[1]}" \
    --out "$WORK/tokens.txt" >/dev/null 2>&1
fi
(cd "$WORK" && exec env -i "${ENVS[@]}" "${SERVER[@]}" "$BIN/sigil" serve --listen "127.0.0.1:$PORT") \
  >"$WORK/serve.log" 2>&1 &
SP=$!
PIDS+=("$SP")
"$BIN/sigil-bench" wait-ready --url "$URL/readyz" --since-unix-nanos "$(date +%s%N)" >/dev/null 2>&1

LOAD_SECS=$((RECORD_SECS + 6))
if [[ "$SCENARIO" == cc ]]; then
  "${LOAD[@]}" "$OHA" --no-tui --output-format json -z "${LOAD_SECS}s" -c 16 -m POST \
    -a reporting-daemon:daemon-secret-change-me-0123456789abcdef -T application/x-www-form-urlencoded \
    -d 'grant_type=client_credentials&scope=api%3A%2F%2Freports%2F.default' \
    "$URL/contoso/oauth2/v2.0/token" >"$WORK/load.json" &
else
  "${LOAD[@]}" "$BIN/sigil-bench" refresh --url "$URL" "${REFRESH_CLIENT[@]}" \
    --tokens "$WORK/tokens.txt" --concurrency 16 --seconds "$LOAD_SECS" >"$WORK/load.json" 2>/dev/null &
fi
LP=$!
PIDS+=("$LP")
sleep 3
"${LOAD[@]}" perf record -q -F 2000 --call-graph dwarf,32768 -p "$SP" -o "$WORK/perf.data" -- sleep "$RECORD_SECS" \
  2>>"$WORK/perf.log"
wait "$LP"
RATE=$(python3 - "$WORK/load.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("%.0f req/s" % d["summary"]["requestsPerSec"] if "summary" in d else "%.0f ok/s" % d["ok_per_sec"])
PY
)
echo "load ($SCENARIO, c=16, perf recording ${RECORD_SECS}s of it): $RATE"
perf script -i "$WORK/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null >"$WORK/perf.txt"
python3 "$BENCH_DIR/perf_buckets.py" <"$WORK/perf.txt" | tee "$WORK/buckets.txt"
perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null |
  grep -v '^#' | grep -v '^$' | head -40 >"$WORK/top-symbols.txt"
echo
echo "top self-time symbols: $WORK/top-symbols.txt; perf data: $WORK/perf.data"
