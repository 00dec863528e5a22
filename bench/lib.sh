# shellcheck shell=bash
# Helpers for the Sigil benchmark. Source this file; it defines functions only and
# changes no shell options.
#
#   source bench/lib.sh
#   peer_install
#   pid=$(peer_start 3000) || exit 1
#   oha_token_json http://127.0.0.1:3000/token "$secret" 15s 16 > peer.json
#   read -r rps p50 p99 non2xx < <(python3 "$BENCH_DIR/parse_oha.py" < peer.json)
#   echo "peak RSS: $(peak_rss_kb "$pid") kB"
#   peer_stop "$pid"
#
# Diagnostics go to stderr; stdout carries only the value a function returns.

BENCH_DIR="${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
PEER_DIR="${PEER_DIR:-$BENCH_DIR/peer}"
PEER_CLIENT_ID="${PEER_CLIENT_ID:-bench-client}"
PEER_CLIENT_SECRET="${PEER_CLIENT_SECRET:-bench-secret-0123456789abcdef0123456789abcdef}"

# peer_install: install the pinned node-oidc-provider from bench/peer/package-lock.json.
# npm ci installs exactly what the lockfile says (fails if package.json disagrees) and
# --ignore-scripts guarantees no install script runs or downloads anything (none of the
# locked packages has one anyway).
peer_install() {
  (cd "$PEER_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "peer_install: npm ci failed in $PEER_DIR" >&2
    return 1
  }
}

# peer_start PORT: start server.mjs in the background, wait (20 s at most) for the
# READY line, then echo its PID. The server's stdout/stderr go to
# $PEER_LOG (default: $TMPDIR/sigil-peer-PORT.log), never to the caller's stdout, so
# pid=$(peer_start 3000) returns at once. CLIENT_SECRET comes from $PEER_CLIENT_SECRET.
# On failure: prints the log's tail on stderr, stops the process and returns 1.
peer_start() {
  local port="${1:?usage: peer_start PORT}"
  local log="${PEER_LOG:-${TMPDIR:-/tmp}/sigil-peer-$port.log}"
  local pid deadline
  : >"$log"
  # A simple command launched with & is exec'd directly, so $! is node's own PID
  # (which is what peak_rss_kb / current_rss_kb must read).
  PORT="$port" CLIENT_SECRET="$PEER_CLIENT_SECRET" NODE_ENV=production \
    node "$PEER_DIR/server.mjs" </dev/null >>"$log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 20))
  while ((SECONDS < deadline)); do
    if grep -qx 'READY' "$log" 2>/dev/null; then
      echo "$pid"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "peer_start: server exited before READY; log $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "peer_start: no READY within 20 s; log $log:" >&2
  tail -n 20 "$log" >&2
  peer_stop "$pid"
  return 1
}

# peer_stop PID: SIGTERM, wait up to 5 s, then SIGKILL. Only ever pass a PID that
# peer_start returned.
peer_stop() {
  local pid="${1:?usage: peer_stop PID}" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  return 0
}

# peak_rss_kb PID: the process's peak resident set size (VmHWM) in kB.
peak_rss_kb() {
  local pid="${1:?usage: peak_rss_kb PID}"
  awk '/^VmHWM:/ { print $2; found = 1 } END { exit !found }' "/proc/$pid/status" 2>/dev/null || {
    echo "peak_rss_kb: no such process $pid" >&2
    return 1
  }
}

# current_rss_kb PID: the process's current resident set size (VmRSS) in kB.
current_rss_kb() {
  local pid="${1:?usage: current_rss_kb PID}"
  awk '/^VmRSS:/ { print $2; found = 1 } END { exit !found }' "/proc/$pid/status" 2>/dev/null || {
    echo "current_rss_kb: no such process $pid" >&2
    return 1
  }
}

# wait_http URL TIMEOUT_SECONDS: wait until URL answers with any HTTP status (a 404 or
# 405 still means the server is up). Returns 1 on timeout.
wait_http() {
  local url="${1:?usage: wait_http URL TIMEOUT_SECONDS}" timeout="${2:?usage: wait_http URL TIMEOUT_SECONDS}"
  local deadline=$((SECONDS + timeout)) code
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" 2>/dev/null) || true
    if [[ -n "$code" && "$code" != "000" ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "wait_http: $url did not answer within ${timeout}s" >&2
  return 1
}

# oha_json [OHA ARGS...] URL: run oha without its TUI and print its JSON report on stdout.
#
# oha is the Rust load generator from crates.io; install it yourself beforehand with
#     cargo install oha --locked
# (it is a source build; nothing here installs it). The JSON flag changed over time:
#   oha >= 1.9  : --output-format json   (text|json|csv|quiet; no -j any more)
#   oha <  1.9  : -j / --json
# so the flag is picked from `oha --help`. Also added automatically when supported:
#   -w (--wait-ongoing-requests-after-deadline), only when -z is given: requests still in
#      flight at the deadline are completed instead of being reported as
#      "aborted due to deadline".
# Set OHA_WORKER_THREADS=N to pass --worker-threads N (oha >= 1.16) and keep oha off
# the cores the server should have; otherwise oha uses one thread per core.
#
# Extract the numbers with bench/parse_oha.py (stdin -> "rps p50_ms p99_ms non2xx"):
#   oha_json -z 15s -c 16 ... URL | python3 bench/parse_oha.py
# JSON fields it reads (seconds unless noted):
#   .summary.requestsPerSec                  requests per second (all statuses + errors)
#   .latencyPercentiles.p50 / .p99           latency, seconds -> x1000 for ms
#   .statusCodeDistribution {"200": n, ...}  status code (string) -> count
#   .errorDistribution {"message": n}        transport errors, incl. "aborted due to deadline"
# Equivalent jq, if jq is installed:
#   jq -r '[.summary.requestsPerSec, .latencyPercentiles.p50*1000, .latencyPercentiles.p99*1000,
#           ([.statusCodeDistribution|to_entries[]|select((.key|tonumber)<200 or (.key|tonumber)>299)|.value]|add // 0)]|@tsv'
oha_json() {
  command -v oha >/dev/null 2>&1 || {
    echo "oha_json: oha not found; install it with: cargo install oha --locked" >&2
    return 127
  }
  local help
  help=$(oha --help 2>&1)
  local -a flags=(--no-tui)
  if grep -q -- '--output-format' <<<"$help"; then
    flags+=(--output-format json)
  else
    flags+=(-j)
  fi
  # -w is only valid together with -z (clap rejects it otherwise).
  local arg with_z=0
  for arg in "$@"; do
    [[ "$arg" == -z || "$arg" == -z?* ]] && with_z=1
  done
  if ((with_z)) && grep -q -- '--wait-ongoing-requests-after-deadline' <<<"$help"; then
    flags+=(-w)
  fi
  if [[ -n "${OHA_WORKER_THREADS:-}" ]] && grep -q -- '--worker-threads' <<<"$help"; then
    flags+=(--worker-threads "$OHA_WORKER_THREADS")
  fi
  oha "${flags[@]}" "$@"
}

# oha_token_json TOKEN_URL SECRET DURATION CONCURRENCY [EXTRA OHA ARGS...]:
# the client-credentials load used for both servers: POST, HTTP Basic client auth,
# form body grant_type=client_credentials&resource=api://bench&scope=bench.read
# (URL-encoded, as a real client sends it), HTTP/1.1 keep-alive (oha's default).
# Example: oha_token_json http://127.0.0.1:3000/token "$PEER_CLIENT_SECRET" 15s 16
oha_token_json() {
  local url="${1:?usage: oha_token_json TOKEN_URL SECRET DURATION CONCURRENCY [ARGS...]}"
  local secret="${2:?missing SECRET}" duration="${3:?missing DURATION}" conc="${4:?missing CONCURRENCY}"
  shift 4
  oha_json -z "$duration" -c "$conc" -m POST \
    -a "$PEER_CLIENT_ID:$secret" \
    -T application/x-www-form-urlencoded \
    -d 'grant_type=client_credentials&resource=api%3A%2F%2Fbench&scope=bench.read' \
    "$@" "$url"
}
