#!/usr/bin/env bash
# Sigil's reproducible benchmark: one command, one table. See bench/README.md.
#
#   bench/run.sh            default: release build, 10 s per load scenario, c=16 and c=64
#   bench/run.sh --smoke    CI: debug build, 2 s per scenario, c=4 (well under 3 minutes)
#   bench/run.sh --full     default + data-size growth at 10k / 100k / 1M rows
#
# Everything listens on 127.0.0.1 only. Every process started here is stopped on exit (trap), every
# PostgreSQL database created here is dropped, and the work directory is removed (unless --keep).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

OHA_VERSION=1.16.0 # pinned; bench/parse_oha.py was checked against this release's JSON
TOOLS="$BENCH_DIR/.tools"
CONTOSO="$ROOT/examples/contoso.toml"
DAEMON_ID=reporting-daemon
DAEMON_SECRET=daemon-secret-change-me-0123456789abcdef
LEGACY_ID=legacy-cli
LEGACY_SECRET=legacy-secret-change-me-0123456789abcdef
# A client with ES256 ID tokens (bench/fixtures/es256-ids.toml): refresh without the RS256 signature.
ES_IDS="$ROOT/bench/fixtures/es256-ids.toml"
# On-behalf-of: the test fixture's tenant `obo` (front end, middle tier, downstream API, user carol).
OBO="$ROOT/crates/sigil-testkit/fixtures/obo.toml"
OBO_FRONT="front:front-secret-0123456789abcdef-0123456789ab"
OBO_MIDDLE_ID=middle OBO_MIDDLE_SECRET=middle-secret-0123456789abcdef-0123456789a
OBO_USER=carol OBO_PASSWORD=carol-password-for-obo-tests
ES_ID=bench-es256-ids
ES_SECRET=bench-es256-ids-secret-0123456789abcdef
# A resource server allowed to introspect api://reports tokens (bench/fixtures/introspector.toml).
INTROSPECTOR="$ROOT/bench/fixtures/introspector.toml"
INTRO_ID=bench-introspector
INTRO_SECRET=bench-introspector-secret-0123456789abcdef
PG_ADDR=127.0.0.1:5432
export PGOPTIONS="-c client_min_messages=warning"

MODE=default PIN=0 USE_PEER=auto USE_PG=auto KEEP=0 TABLE_OUT=""
usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --smoke | --full   mode (default: neither)
  --pin              pin the server to the last CPU and the load generator to the others
                     (default: everything shares every CPU, as the issue's peer figures were taken)
  --no-peer          skip node-oidc-provider
  --no-postgres      skip the PostgreSQL scenarios
  --table FILE       also write the final table to FILE
  --keep             keep the work directory (logs, databases, raw JSON)
EOF
}
while (($#)); do
  case "$1" in
    --smoke) MODE=smoke ;;
    --full) MODE=full ;;
    --pin) PIN=1 ;;
    --no-pin) PIN=0 ;;
    --no-peer) USE_PEER=no ;;
    --no-postgres) USE_PG=no ;;
    --keep) KEEP=1 ;;
    --table)
      TABLE_OUT="${2:?--table needs a file}"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "run.sh: unknown argument '$1'" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

case "$MODE" in
  smoke) DUR=2 CONCS=(4) C=4 SIZES=(10000) SIGN_SECS=2 LAT_COUNT=200 BUDGET=300 SEARCH_ROWS=20000 ;;
  default) DUR=10 CONCS=(16 64) C=16 SIZES=(10000) SIGN_SECS=5 LAT_COUNT=1000 BUDGET=1200 SEARCH_ROWS=200000 ;;
  full) DUR=10 CONCS=(16 64) C=16 SIZES=(10000 100000 1000000) SIGN_SECS=5 LAT_COUNT=1000 BUDGET=5400 SEARCH_ROWS=1000000 ;;
esac

log() { printf '[bench %5ss] %s\n' "$SECONDS" "$*" >&2; }
die() {
  log "FAILED: $*"
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Cleanup: every PID we start goes into PIDS; every PostgreSQL database into PG_DBS.
PIDS=()
PG_DBS=()
WORK=""
stop_proc() {
  local pid=$1 i state
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || break
    [[ "$state" == Z ]] && break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid db
  for pid in "${PIDS[@]}"; do
    stop_proc "$pid"
  done
  for db in "${PG_DBS[@]}"; do
    psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 ||
      log "could not drop PostgreSQL database $db"
  done
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if ((KEEP)); then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated (time budget or signal)"; exit 143' TERM
forget_pid() {
  local keep=() p
  for p in "${PIDS[@]}"; do [[ "$p" != "$1" ]] && keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# ---------------------------------------------------------------------------------------------
# Build and tools.
command -v python3 >/dev/null || die "python3 is needed (bench/parse_oha.py, bench/report.py)"
command -v curl >/dev/null || die "curl is needed"
command -v openssl >/dev/null || die "openssl is needed (the private_key_jwt rows' client certificate)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
if [[ "$MODE" == smoke ]]; then
  log "building (debug): cargo build -p sigil -p sigil-bench"
  (cd "$ROOT" && cargo build -q -p sigil -p sigil-bench) || die "cargo build failed"
  BIN="$TARGET_DIR/debug"
else
  log "building (release): cargo build --release -p sigil -p sigil-bench"
  (cd "$ROOT" && cargo build -q --release -p sigil -p sigil-bench) || die "cargo build --release failed"
  BIN="$TARGET_DIR/release"
fi
SIGIL="$BIN/sigil"
SB="$BIN/sigil-bench"

oha_ok() { [[ -x "$TOOLS/bin/oha" ]] && [[ "$("$TOOLS/bin/oha" --version 2>/dev/null)" == "oha $OHA_VERSION" ]]; }
LOADGEN=oha
if ! oha_ok; then
  if [[ "$MODE" == smoke ]]; then
    LOADGEN=sigil-bench
    log "oha $OHA_VERSION is not in $TOOLS (smoke mode does not compile it): using 'sigil-bench load' instead"
  else
    log "installing oha $OHA_VERSION into $TOOLS (cargo install --locked; a few minutes, once)"
    cargo install -q oha --locked --version "$OHA_VERSION" --root "$TOOLS" || die "cargo install oha failed"
    oha_ok || die "oha $OHA_VERSION not usable after install"
  fi
fi
export PATH="$TOOLS/bin:$PATH"

PEER=0
if [[ "$USE_PEER" != no ]] && command -v node >/dev/null && command -v npm >/dev/null; then
  log "installing the peer (npm ci, pinned lockfile)"
  if peer_install; then PEER=1; else log "peer install failed: peer comparison skipped"; fi
else
  log "node/npm not available or --no-peer: peer comparison skipped"
fi

PG=0
if [[ "$USE_PG" != no ]] && command -v psql >/dev/null &&
  psql -h 127.0.0.1 -U postgres -qAt -c 'select 1' >/dev/null 2>&1; then
  PG=1
else
  log "PostgreSQL not reachable at $PG_ADDR as postgres (or --no-postgres): PostgreSQL scenarios skipped"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sigil-bench.XXXXXX")
ROWS="$WORK/rows.tsv"
META="$WORK/meta.tsv"
: >"$ROWS"
: >"$META"
export PEER_LOG="$WORK/peer.log"
export TOKEN_TTL=600 # the peer's access-token lifetime = Sigil's default tokens.access_token_lifetime

# The time budget starts after the build: a watchdog TERMs this script, whose trap cleans up.
MAIN_PID=$$
(
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  sleep "$BUDGET" &
  sleeper=$!
  wait "$sleeper"
  echo "[bench] time budget of ${BUDGET}s exceeded" >&2
  kill -TERM "$MAIN_PID" 2>/dev/null
) &
PIDS+=($!)

# CPU placement: the server (Sigil or the peer) and the ES256 ceiling get the last CPU, this script
# and every load generator it starts the others. On a 1-CPU machine nothing is pinned.
NCPU=$(nproc)
SERVER_PIN=()
if ((PIN)) && ((NCPU >= 2)) && command -v taskset >/dev/null; then
  SERVER_CPU=$((NCPU - 1))
  LOAD_CPUS=$( ((NCPU == 2)) && echo 0 || echo "0-$((NCPU - 2))")
  taskset -cp "$LOAD_CPUS" $$ >/dev/null
  SERVER_PIN=(taskset -c "$SERVER_CPU")
  export OHA_WORKER_THREADS=$((NCPU - 1))
  PLACEMENT="server on CPU $SERVER_CPU, load generator on CPU $LOAD_CPUS"
else
  PLACEMENT="unpinned ($NCPU CPUs shared by server and load generator)"
fi
log "placement: $PLACEMENT; load generator: $LOADGEN; mode: $MODE (${DUR}s per load scenario)"

meta() { printf '%s\t%s\n' "$1" "$2" >>"$META"; }
# row SCENARIO SERVER RPS P50 P99 ERRORS PEAK_KB NOTES
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"; }
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d
for k in sys.argv[2].split("."): v=v.get(k) if isinstance(v,dict) else None
print("nan" if v is None else v)' "$1" "$2"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ns() { date +%s%N; }
reset_peak() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || PEAK_NOTE="VmHWM not resettable here: peak RSS is since start"; }
PEAK_NOTE="peak RSS = VmHWM, reset (clear_refs 5) before each scenario"
peak_kb() { peak_rss_kb "$1" 2>/dev/null || echo nan; }

# ---------------------------------------------------------------------------------------------
# Sigil instances. sigil_env NAME DBURL: the environment a Sigil command of instance NAME runs with
# (a clean one: Sigil refuses SIGIL_* variables it does not know). Rate limits are off: the
# benchmark sends tens of thousands of requests a second from one client and one address, far over
# the defaults (docs/security.md, "Rate limits"; their cost is measured separately).
sigil_env() {
  local dir="$WORK/$1"
  printf '%s\n' "PATH=$PATH" "HOME=${HOME:-/root}" "SIGIL_DATABASE_URL=$2" \
    "SIGIL_SECURITY_MASTER_KEY_FILE=$dir/master.key" "SIGIL_SERVER_LOG_LEVEL=warn" "SIGIL_RATE_LIMITS_ENABLED=false"
  if [[ -n "${SIGIL_EXTRA_ENV:-}" ]]; then printf '%s\n' "$SIGIL_EXTRA_ENV"; fi
}
sigil_cmd() { # sigil_cmd NAME DBURL ARGS...: run a sigil CLI command for instance NAME
  local name=$1 url=$2
  shift 2
  mkdir -p "$WORK/$name"
  local -a envs
  mapfile -t envs < <(sigil_env "$name" "$url")
  (cd "$WORK/$name" && env -i "${envs[@]}" "$SIGIL" "$@")
}
# sigil_start NAME DBURL: sets SIGIL_PID, SIGIL_URL, READY_MS.
sigil_start() {
  local name=$1 url=$2 port t0
  local dir="$WORK/$name"
  mkdir -p "$dir"
  port=${SIGIL_FIXED_PORT:-$(free_port)}
  local -a envs
  mapfile -t envs < <(sigil_env "$name" "$url")
  t0=$(now_ns)
  (cd "$dir" && exec env -i "${envs[@]}" "${SERVER_PIN[@]}" "$SIGIL" serve --listen "127.0.0.1:$port") \
    </dev/null >>"$dir/serve.log" 2>&1 &
  SIGIL_PID=$!
  PIDS+=("$SIGIL_PID")
  SIGIL_URL="http://127.0.0.1:$port"
  if ! "$SB" wait-ready --url "$SIGIL_URL/readyz" --since-unix-nanos "$t0" --timeout 30 >"$dir/ready.json" 2>>"$WORK/bench.log"; then
    tail -n 20 "$dir/serve.log" >&2
    die "sigil ($name) did not become ready"
  fi
  READY_MS=$(jget "$dir/ready.json" ready_ms)
}
sigil_stop() {
  local pid=$1
  stop_proc "$pid"
  forget_pid "$pid"
}
signin_drops() { # from /metrics
  curl -s --max-time 5 "$1/metrics" | awk '/^sigil_signin_log_dropped_total/ {print $2; f=1} END {if (!f) print "n/a"}'
}
pg_create() { # pg_create NAME: a fresh database, dropped on exit; sets PG_NEW_URL (no subshell, so
  # that PG_DBS keeps the name for the cleanup)
  local db="sigil_bench_${1}_$$"
  psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null ||
    die "cannot create PostgreSQL database $db"
  PG_DBS+=("$db")
  PG_NEW_URL="postgres://postgres@$PG_ADDR/$db"
}
# pg_fast_commit DBURL on|off: seeding is setup, not measurement, so its many small transactions may
# skip waiting for the WAL flush; the setting is reset before any server is started on the database.
pg_fast_commit() {
  local db=${1##*/}
  if [[ "$2" == on ]]; then
    psql -h 127.0.0.1 -U postgres -qAt -c "ALTER DATABASE $db SET synchronous_commit = off" >/dev/null
  else
    psql -h 127.0.0.1 -U postgres -qAt -c "ALTER DATABASE $db RESET synchronous_commit" >/dev/null
  fi
}
# seed URL ARGS...: sigil-bench seed-grants (fast commits on PostgreSQL while it runs)
seed() {
  local url=$1
  shift
  [[ "$url" == postgres* ]] && pg_fast_commit "$url" on
  timeout --kill-after=5 3600 "$SB" seed-grants --database-url "$url" "$@" 2>>"$WORK/bench.log" ||
    die "seed-grants failed ($url $*)"
  if [[ "$url" == postgres* ]]; then
    pg_fast_commit "$url" off
    # A bulk load leaves the planner without statistics until autovacuum's next ANALYZE; a server
    # that accumulated these rows over days would have them, so give them now.
    psql -h 127.0.0.1 -U postgres -qAt -d "${url##*/}" -c "ANALYZE" >/dev/null
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------
# HTTP load: oha (or sigil-bench load in smoke mode without oha). http_load OUT_JSON CONC METHOD URL
# [BASIC [BODY]] -> prints "rps p50_ms p99_ms non2xx errors".
http_load() {
  local out=$1 conc=$2 method=$3 url=$4 basic=${5:-} body=${6:-}
  local -a args=()
  if [[ "$LOADGEN" == oha ]]; then
    args=(-z "${DUR}s" -c "$conc" -m "$method")
    [[ -n "$basic" ]] && args+=(-a "$basic")
    [[ -n "$body" ]] && args+=(-T application/x-www-form-urlencoded -d "$body")
    # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
    timeout --kill-after=5 $((DUR + 60)) bash -c 'source "$1"; shift; oha_json "$@"' _ "$BENCH_DIR/lib.sh" \
      "${args[@]}" "$url" >"$out" || die "oha failed for $url"
    python3 - "$out" "$BENCH_DIR" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[2])
from parse_oha import summarise
rps, p50, p99, non2xx, _, errors = summarise(json.load(open(sys.argv[1])))
print(f"{rps:.1f} {p50:.3f} {p99:.3f} {non2xx} {sum(errors.values())}")
PY
  else
    args=(--url "$url" --method "$method" --concurrency "$conc" --seconds "$DUR")
    [[ -n "$basic" ]] && args+=(--basic "$basic")
    [[ -n "$body" ]] && args+=(--body "$body")
    timeout --kill-after=5 $((DUR + 60)) "$SB" load "${args[@]}" >"$out" 2>>"$WORK/load.log" ||
      die "sigil-bench load failed for $url"
    python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = lambda v: "nan" if v is None else v
print(f"{d['requests_per_sec']:.1f} {f(d['p50_ms'])} {f(d['p99_ms'])} {d['non2xx']} {d['transport_errors']}")
PY
  fi
}
# load_row SCENARIO SERVER PID OUT_JSON CONC METHOD URL [BASIC [BODY]]
load_row() {
  local scenario=$1 server=$2 pid=$3
  shift 3
  local rps p50 p99 non2xx errs
  reset_peak "$pid"
  http_load "$@" >"$WORK/load-line.txt"
  read -r rps p50 p99 non2xx errs <"$WORK/load-line.txt"
  row "$scenario" "$server" "$rps" "$p50" "$p99" "$non2xx / $errs" "$(peak_kb "$pid")" ""
  log "$scenario [$server]: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx, errors $errs"
}
expect_200() { # expect_200 DESCRIPTION CURL-ARGS...: one request must answer 200 before the load
  local what=$1 code
  shift
  code=$(curl -s -o "$WORK/check.out" -w '%{http_code}' --max-time 10 "$@") || true
  [[ "$code" == 200 ]] || {
    head -c 600 "$WORK/check.out" >&2
    die "$what answered HTTP $code instead of 200"
  }
}

CC_BODY='grant_type=client_credentials&scope=api%3A%2F%2Freports%2F.default'
PW_BODY='grant_type=password&username=alice&password=correct%20horse%20battery%20staple&scope=openid'

# ---------------------------------------------------------------------------------------------
# ES256 single-core ceiling, measured on the CPU the server gets.
log "ES256 ceiling (${SIGN_SECS}s, one thread)"
"${SERVER_PIN[@]}" "$SB" sign-ceiling --dpop --assertion --seconds "$SIGN_SECS" >"$WORK/sign.json" 2>>"$WORK/bench.log"
meta sign_ceiling "$(jget "$WORK/sign.json" signatures_per_sec)"
meta dpop_ceiling "$(jget "$WORK/sign.json" dpop_ceiling_per_sec)"
"${SERVER_PIN[@]}" "$SB" ratelimit-cost >"$WORK/ratelimit.json" 2>>"$WORK/bench.log" || die "ratelimit-cost failed"
meta ratelimit_ns_per_check "$(jget "$WORK/ratelimit.json" ns_per_check)"
meta assertion_ceiling "$(jget "$WORK/sign.json" assertion_ceiling_per_sec)"
# Passkeys (issue 21): WebAuthn assertion verifications on one core (webauthn-rs, in process).
"${SERVER_PIN[@]}" "$SB" passkey --seconds "$SIGN_SECS" >"$WORK/passkey.json" 2>>"$WORK/bench.log" || die "passkey failed"
meta passkey_verifications_per_sec "$(jget "$WORK/passkey.json" verifications_per_second_one_core)"

# ---------------------------------------------------------------------------------------------
# Sigil on SQLite: startup, idle RSS, client credentials, password, discovery, JWKS, refresh.
SQ_URL="sqlite://$WORK/sigil-sqlite/sigil-data/sigil.db"
# A private_key_jwt client (issue 19): an RSA-2048 key and its self-signed certificate, registered.
PKJWT_ID=bench-private-key-jwt
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/pkjwt-key.pem" -out "$WORK/pkjwt-cert.pem" -days 2 \
  -subj /CN=sigil-bench >>"$WORK/bench.log" 2>&1 || die "openssl could not make the private_key_jwt certificate"
cat >"$WORK/pkjwt.toml" <<EOF
[[tenant]]
name = "contoso"
display_name = "Contoso Ltd"
  [[tenant.client]]
  client_id = "$PKJWT_ID"
  grant_types = ["client_credentials"]
    [[tenant.client.permission]]
    api = "api://reports"
    roles = ["Reports.Read.All"]
    [[tenant.client.certificate]]
    pem_file = "$WORK/pkjwt-cert.pem"
EOF
{ sigil_cmd sigil-sqlite "$SQ_URL" import "$CONTOSO" && sigil_cmd sigil-sqlite "$SQ_URL" import "$ES_IDS" &&
  sigil_cmd sigil-sqlite "$SQ_URL" import "$INTROSPECTOR" && sigil_cmd sigil-sqlite "$SQ_URL" import "$OBO" &&
  sigil_cmd sigil-sqlite "$SQ_URL" import "$WORK/pkjwt.toml"; } \
  >"$WORK/import-sqlite.log" 2>&1 || die "sigil import (SQLite) failed"
seed "$SQ_URL" --count 2000 --out "$WORK/refresh-sqlite.txt" >"$WORK/seed-sqlite.json"
for c in "${CONCS[@]}"; do # one token file per run: a token presented twice revokes its grant
  seed "$SQ_URL" --count 2000 --client "$ES_ID" --out "$WORK/refresh-es-sqlite-$c.txt" >"$WORK/seed-es-sqlite-$c.json"
done

startup_row() { # startup_row SERVER NAME DBURL: three cold starts, median ready time, idle RSS
  local server=$1 name=$2 url=$3 i times=() idle
  for i in 1 2 3; do
    sigil_start "$name" "$url"
    times+=("$READY_MS")
    sleep 1
    idle=$(current_rss_kb "$SIGIL_PID")
    sigil_stop "$SIGIL_PID"
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
  row "startup: spawn -> /readyz 200" "$server" "-" "$median" "-" "-" "$idle" \
    "p50 col = median of 3 starts (${times[*]} ms); RSS col = idle RSS 1 s after ready"
  log "startup [$server]: ${times[*]} ms; idle RSS $idle kB"
}
startup_row "sigil (SQLite)" sigil-sqlite "$SQ_URL"

sigil_start sigil-sqlite "$SQ_URL"
S_PID=$SIGIL_PID S_URL=$SIGIL_URL
TOKEN_URL="$S_URL/contoso/oauth2/v2.0/token"
expect_200 "sigil client credentials" -u "$DAEMON_ID:$DAEMON_SECRET" -d "$CC_BODY" "$TOKEN_URL"

if ((PEER)); then
  PEER_PORT=$(free_port)
  t0=$(now_ns)
  P_PID=$(peer_start "$PEER_PORT") || die "peer did not start"
  PIDS+=("$P_PID")
  PEER_READY_MS=$((($(now_ns) - t0) / 1000000))
  ((${#SERVER_PIN[@]})) && taskset -acp "$SERVER_CPU" "$P_PID" >/dev/null
  sleep 1
  row "startup: spawn -> READY line" "node-oidc-provider" "-" "$PEER_READY_MS" "-" "-" \
    "$(current_rss_kb "$P_PID")" "p50 col = startup ms (READY polled every 100 ms); RSS col = idle RSS 1 s after ready"
  P_URL="http://127.0.0.1:$PEER_PORT"
  expect_200 "peer client credentials" -u "$PEER_CLIENT_ID:$PEER_CLIENT_SECRET" \
    -d 'grant_type=client_credentials&resource=api%3A%2F%2Fbench&scope=bench.read' "$P_URL/token"
fi

# (1) Client credentials, Sigil and the peer alternately.
for c in "${CONCS[@]}"; do
  log "client credentials c=$c"
  load_row "client credentials c=$c" "sigil (SQLite)" "$S_PID" "$WORK/cc-sigil-$c.json" "$c" POST "$TOKEN_URL" \
    "$DAEMON_ID:$DAEMON_SECRET" "$CC_BODY"
  if ((PEER)); then
    load_row "client credentials c=$c" "node-oidc-provider" "$P_PID" "$WORK/cc-peer-$c.json" "$c" POST "$P_URL/token" \
      "$PEER_CLIENT_ID:$PEER_CLIENT_SECRET" 'grant_type=client_credentials&resource=api%3A%2F%2Fbench&scope=bench.read'
  fi
done
if ((PEER)); then
  sigil_stop "$P_PID" # the peer is done; its core goes back to Sigil alone
fi

# (1b) Introspection (RFC 7662): a resource server checks a client-credentials access token
# (client authentication, signature verification, revocation lookup).
INTRO_URL="$S_URL/contoso/oauth2/v2.0/introspect"
access_token() { curl -sf --max-time 10 -u "$DAEMON_ID:$DAEMON_SECRET" -d "$CC_BODY" "$TOKEN_URL" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
INTRO_BODY="token=$(access_token)" || die "no access token to introspect"
expect_200 "sigil introspection" -u "$INTRO_ID:$INTRO_SECRET" -d "$INTRO_BODY" "$INTRO_URL"
grep -q '"active":true' "$WORK/check.out" || die "introspection did not answer active: true"
for c in "${CONCS[@]}"; do
  log "introspection c=$c"
  load_row "introspection c=$c" "sigil (SQLite)" "$S_PID" "$WORK/introspect-$c.json" "$c" POST "$INTRO_URL" \
    "$INTRO_ID:$INTRO_SECRET" "$INTRO_BODY"
done

# (1c) Device-code polling (RFC 8628 §3.4) with 10,000 pending codes, each poll a random one.
device_row() { # device_row SERVER PID DBURL BASEURL CODES CONC SECS LABEL
  local out="$WORK/device-$8.json"
  timeout --kill-after=5 $(($7 + 300)) "$SB" device-poll --database-url "$3" --url "$4" --codes "$5" \
    --concurrency "$6" --seconds "$7" >"$out" 2>>"$WORK/bench.log" || die "sigil-bench device-poll failed ($1)"
  row "device-code polling c=$6, $8" "$1" "$(jget "$out" polls_per_sec)" "$(jget "$out" p50_ms)" \
    "$(jget "$out" p99_ms)" "$(jget "$out" unexpected) / 0" "$(peak_kb "$2")" \
    "errors col: answers other than authorization_pending/slow_down (those 400s are the expected answer); answers: $(jget "$out" answers); codes added in $(jget "$out" seed_seconds) s"
  log "device polling [$1, $8]: $(jget "$out" polls_per_sec) polls/s, p99 $(jget "$out" p99_ms) ms"
}
device_row "sigil (SQLite)" "$S_PID" "$SQ_URL" "$S_URL" 10000 "$C" "$DUR" "10k pending codes"

# (1b) DPoP-bound client credentials (RFC 9449): a fresh proof per request, made before the run;
# the ceiling is one ES256 verify + one sign on one core (sign-ceiling --dpop, same run).
DPOP_CEIL=$(jget "$WORK/sign.json" dpop_ceiling_per_sec)
for c in "${CONCS[@]}"; do
  log "DPoP client credentials c=$c"
  D="$WORK/dpop-sigil-$c.json"
  reset_peak "$S_PID"
  timeout --kill-after=5 $((DUR + 120)) "$SB" dpop --url "$S_URL" --basic "$DAEMON_ID:$DAEMON_SECRET" \
    --concurrency "$c" --seconds "$DUR" --proofs $((DUR * 15000)) >"$D" 2>>"$WORK/bench.log" || die "sigil-bench dpop failed"
  ok=$(jget "$D" ok_per_sec)
  frac=$(python3 -c 'import sys; print(f"{100*float(sys.argv[1])/float(sys.argv[2]):.0f}")' "$ok" "$DPOP_CEIL")
  row "DPoP client credentials c=$c" "sigil (SQLite)" "$ok" "$(jget "$D" p50_ms)" "$(jget "$D" p99_ms)" \
    "$(jget "$D" non2xx) / 0" "$(peak_kb "$S_PID")" "ceiling (1 ES256 verify + 1 sign, one core) $DPOP_CEIL/s; Sigil $frac %"
  log "DPoP client credentials c=$c: $ok tokens/s = $frac % of the $DPOP_CEIL/s ceiling; outcomes $(jget "$D" outcomes)"
done

# (1d) Client credentials with private_key_jwt (OIDC Core §9): PS256 assertions with the certificate's
# x5t#S256, as MSAL signs them; each request its own assertion (fresh jti, so one jti row written
# per token), all made before the run; then MSAL's cached assertion re-sent for every request. The
# ceiling is one PS256 verify + one ES256 sign on one core (sign-ceiling --assertion, same run).
PK_CEIL=$(jget "$WORK/sign.json" assertion_ceiling_per_sec)
pkjwt_row() { # pkjwt_row CONCURRENCY TAG LABEL MAX_REQUESTS [--reuse]
  local out="$WORK/pkjwt-$2.json" ok frac
  reset_peak "$S_PID"
  timeout --kill-after=5 $((DUR + 300)) "$SB" assertion --url "$S_URL" --client-id "$PKJWT_ID" \
    --key "$WORK/pkjwt-key.pem" --cert "$WORK/pkjwt-cert.pem" --concurrency "$1" --seconds "$DUR" \
    --assertions "$4" "${@:5}" >"$out" 2>>"$WORK/bench.log" || die "sigil-bench assertion failed"
  ok=$(jget "$out" ok_per_sec)
  frac=$(python3 -c 'import sys; print(f"{100*float(sys.argv[1])/float(sys.argv[2]):.0f}")' "$ok" "$PK_CEIL")
  row "private_key_jwt client credentials c=$1, $3" "sigil (SQLite)" "$ok" "$(jget "$out" p50_ms)" \
    "$(jget "$out" p99_ms)" "$(jget "$out" non2xx) / 0" "$(peak_kb "$S_PID")" \
    "ceiling (1 PS256 verify + 1 ES256 sign, one core) $PK_CEIL/s; Sigil $frac %; outcomes $(jget "$out" outcomes)"
  log "private_key_jwt c=$1 ($3): $ok tokens/s = $frac % of the $PK_CEIL/s ceiling"
}
for c in "${CONCS[@]}"; do
  pkjwt_row "$c" "fresh-$c" "fresh jti per request" $((DUR * 2500))
done
pkjwt_row "$C" "reuse" "one assertion re-sent (MSAL)" $((DUR * 50000)) --reuse

# (5) Discovery and JWKS.
log "discovery and JWKS c=$C"
load_row "discovery GET c=$C" "sigil (SQLite)" "$S_PID" "$WORK/disco.json" "$C" GET \
  "$S_URL/contoso/v2.0/.well-known/openid-configuration"
load_row "JWKS GET c=$C" "sigil (SQLite)" "$S_PID" "$WORK/jwks.json" "$C" GET "$S_URL/contoso/discovery/v2.0/keys"
# Same-run calibration: a bare axum endpoint (no middleware) serving the same JWKS bytes, driven the
# same way. It is what the kernel, hyper and the load generator allow on this machine right now.
curl -sf --max-time 10 -o "$WORK/jwks-body.json" "$S_URL/contoso/discovery/v2.0/keys" || die "fetching the JWKS failed"
BARE_PORT=$(free_port)
"${SERVER_PIN[@]}" "$SB" bare --listen "127.0.0.1:$BARE_PORT" --body-file "$WORK/jwks-body.json" \
  >"$WORK/bare.json" 2>>"$WORK/bench.log" &
BARE_PID=$!
PIDS+=("$BARE_PID")
"$SB" wait-ready --url "http://127.0.0.1:$BARE_PORT/" --since-unix-nanos "$(now_ns)" --timeout 30 >/dev/null \
  2>>"$WORK/bench.log" || die "the bare axum endpoint did not start"
load_row "bare axum GET, same JWKS bytes c=$C" "calibration" "$BARE_PID" "$WORK/bare-load.json" "$C" GET \
  "http://127.0.0.1:$BARE_PORT/"
sigil_stop "$BARE_PID"

# (4) Password grant: argon2id per request, so expect tens per second.
log "password grant c=$C"
expect_200 "sigil password grant" -u "$LEGACY_ID:$LEGACY_SECRET" -d "$PW_BODY" "$TOKEN_URL"
load_row "password grant (argon2id) c=$C" "sigil (SQLite)" "$S_PID" "$WORK/password.json" "$C" POST "$TOKEN_URL" \
  "$LEGACY_ID:$LEGACY_SECRET" "$PW_BODY"

# (2) Refresh rotation, `openid offline_access` grants: ID tokens RS256 (the default), then ES256.
# refresh_row SERVER PID URL TOKENS TAG [CLIENT SECRET LABEL [CONCURRENCY]]
refresh_row() {
  local server=$1 pid=$2 url=$3 tokens=$4 out="$WORK/refresh-$5.json"
  local client=${6:-$LEGACY_ID} secret=${7:-$LEGACY_SECRET} label=${8:-RS256 ID tokens} conc=${9:-$C}
  reset_peak "$pid"
  timeout --kill-after=5 $((DUR + 90)) "$SB" refresh --url "$url" --tenant contoso --client-id "$client" \
    --secret "$secret" --tokens "$tokens" --concurrency "$conc" --seconds "$DUR" >"$out" 2>>"$WORK/bench.log" ||
    die "sigil-bench refresh failed ($server)"
  local ok_rps p50 p99 non2xx errs dup
  ok_rps=$(jget "$out" ok_per_sec) p50=$(jget "$out" p50_ms) p99=$(jget "$out" p99_ms)
  non2xx=$(jget "$out" non2xx) errs=$(jget "$out" transport_errors) dup=$(jget "$out" duplicate_successors)
  row "refresh rotation c=$conc (chained), $label" "$server" "$ok_rps" "$p50" "$p99" "$non2xx / $errs" "$(peak_kb "$pid")" \
    "duplicate successors: $dup; refusals: $(jget "$out" non2xx_by_status)"
  log "refresh [$server]: $ok_rps ok/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx, errors $errs, duplicate successors $dup"
  [[ "$dup" == 0 ]] || log "WARNING: $dup duplicate refresh-token successors ($server)"
}
log "refresh rotation on SQLite c=$C"
refresh_row "sigil (SQLite)" "$S_PID" "$S_URL" "$WORK/refresh-sqlite.txt" sqlite
for c in "${CONCS[@]}"; do
  refresh_row "sigil (SQLite)" "$S_PID" "$S_URL" "$WORK/refresh-es-sqlite-$c.txt" "es-sqlite-$c" "$ES_ID" "$ES_SECRET" \
    "ES256 ID tokens" "$c"
done

# (3) Authorization-code flow: only once Sigil has an authorize endpoint.
# Signed in once through the sign-in and consent pages; then each flow is GET /authorize with the
# session cookie (303 with a code) and the code redeemed at the token endpoint (PKCE S256).
log "authorization-code flow c=$C"
reset_peak "$S_PID"
F="$WORK/flow.json"
timeout --kill-after=5 $((DUR + 90)) "$SB" flow --url "$S_URL" --tenant contoso --concurrency "$C" --seconds "$DUR" \
  >"$F" 2>>"$WORK/bench.log" || die "sigil-bench flow failed"
if [[ "$(jget "$F" skipped)" == True ]]; then
  row "auth-code flow (authorize -> code -> token)" "sigil (SQLite)" "-" "-" "-" "-" "-" "$(jget "$F" reason)"
  log "flow: $(jget "$F" reason)"
else
  row "auth-code flow c=$C (session -> code -> token)" "sigil (SQLite)" "$(jget "$F" ok_per_sec)" "$(jget "$F" p50_ms)" \
    "$(jget "$F" p99_ms)" "$(jget "$F" failed) failed" "$(peak_kb "$S_PID")" \
    "flows/s; authorize p50 $(jget "$F" authorize_latency.p50_ms) ms, token p50 $(jget "$F" token_latency.p50_ms) ms"
  log "flow: $(jget "$F" ok_per_sec) flows/s, p50 $(jget "$F" p50_ms) ms, p99 $(jget "$F" p99_ms) ms, failed $(jget "$F" failed)"
fi

# (3b) The same flow with a pushed request first (RFC 9126): POST /par (client_secret_basic) →
# GET /authorize with client_id and request_uri (session cookie) → token. Same session, client, c.
log "PAR + authorization-code flow c=$C"
reset_peak "$S_PID"
F="$WORK/flow-par.json"
timeout --kill-after=5 $((DUR + 90)) "$SB" flow --par --url "$S_URL" --tenant contoso --concurrency "$C" \
  --seconds "$DUR" >"$F" 2>>"$WORK/bench.log" || die "sigil-bench flow --par failed"
if [[ "$(jget "$F" skipped)" == True ]]; then
  row "PAR + auth-code flow (push -> authorize -> token)" "sigil (SQLite)" "-" "-" "-" "-" "-" "$(jget "$F" reason)"
else
  row "PAR + auth-code flow c=$C (push -> session -> token)" "sigil (SQLite)" "$(jget "$F" ok_per_sec)" \
    "$(jget "$F" p50_ms)" "$(jget "$F" p99_ms)" "$(jget "$F" failed) failed" "$(peak_kb "$S_PID")" \
    "flows/s; push p50 $(jget "$F" push_latency.p50_ms) ms, authorize p50 $(jget "$F" authorize_latency.p50_ms) ms, token p50 $(jget "$F" token_latency.p50_ms) ms"
  log "flow (PAR): $(jget "$F" ok_per_sec) flows/s, p50 $(jget "$F" p50_ms) ms, p99 $(jget "$F" p99_ms) ms, failed $(jget "$F" failed)"
fi

# (3c) Passkey sign-ins (issue 21), closed loop: the sign-in page (its discoverable ceremony), the
# assertion (a software authenticator, P-256) posted, the code redeemed at the token endpoint. A
# relying-party id is a domain, never an address, so this server's public URL is localhost.
log "passkey sign-ins c=$C"
PK_DB="sqlite://$WORK/sigil-passkey/sigil-data/sigil.db"
sigil_cmd sigil-passkey "$PK_DB" import "$ROOT/crates/sigil-testkit/fixtures/passkeys.toml" \
  >"$WORK/import-passkey.log" 2>&1 || die "sigil import (passkeys) failed"
PK_PORT=$(free_port)
SIGIL_FIXED_PORT=$PK_PORT SIGIL_EXTRA_ENV="SIGIL_SERVER_PUBLIC_URL=http://localhost:$PK_PORT" \
  sigil_start sigil-passkey "$PK_DB"
PK_PID=$SIGIL_PID
F="$WORK/passkey-http.json"
timeout --kill-after=5 $((DUR + 90)) "$SB" passkey --seconds 0.1 --url "http://localhost:$PK_PORT" \
  --concurrency "$C" --http-seconds "$DUR" >"$F" 2>>"$WORK/bench.log" || die "sigil-bench passkey --url failed"
row "passkey sign-in c=$C (page -> assertion -> code -> token)" "sigil (SQLite)" "$(jget "$F" signins_per_second)" \
  "-" "-" "$(jget "$F" failed) failed" "$(peak_kb "$PK_PID")" "full passwordless sign-ins/s (software authenticator)"
log "passkey: $(jget "$F" signins_per_second) sign-ins/s, failed $(jget "$F" failed)"
sigil_stop "$PK_PID"

# (4) On-behalf-of: the middle tier trades carol's token for one of api://downstream, each exchange
# verifying the assertion, reading its grant and the consent, and recording a derived grant (one
# conditional INSERT). Carol consents to the middle tier once through the real pages (`flow`).
log "on-behalf-of c=$C"
timeout --kill-after=5 60 "$SB" flow --url "$S_URL" --tenant obo --client-id "$OBO_MIDDLE_ID" \
  --secret "$OBO_MIDDLE_SECRET" --redirect-uri http://127.0.0.1/middle-callback \
  --scope "openid api://downstream/Data.Read" --username "$OBO_USER" --password "$OBO_PASSWORD" \
  --concurrency 1 --seconds 0.2 >"$WORK/obo-consent.json" 2>>"$WORK/bench.log" || die "on-behalf-of: consent failed"
OBO_TOKEN_URL="$S_URL/obo/oauth2/v2.0/token"
ASSERTION=$(curl -s --max-time 10 -u "$OBO_FRONT" -d "grant_type=password&username=$OBO_USER&password=$OBO_PASSWORD" \
  -d 'scope=api%3A%2F%2Fmiddle%2Faccess_as_user' "$OBO_TOKEN_URL" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || die "on-behalf-of: no user token"
OBO_BODY="grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&requested_token_use=on_behalf_of"
OBO_BODY+="&assertion=$ASSERTION&scope=api%3A%2F%2Fdownstream%2FData.Read"
expect_200 "sigil on-behalf-of" -u "$OBO_MIDDLE_ID:$OBO_MIDDLE_SECRET" -d "$OBO_BODY" "$OBO_TOKEN_URL"
load_row "on-behalf-of exchanges c=$C" "sigil (SQLite)" "$S_PID" "$WORK/obo.json" "$C" POST "$OBO_TOKEN_URL" \
  "$OBO_MIDDLE_ID:$OBO_MIDDLE_SECRET" "$OBO_BODY"

meta drops_sqlite "$(signin_drops "$S_URL")"
sigil_stop "$S_PID"

# Sigil on PostgreSQL: startup, idle RSS, refresh rotation.
if ((PG)); then
  pg_create main
  PG_URL=$PG_NEW_URL
  { sigil_cmd sigil-pg "$PG_URL" import "$CONTOSO" && sigil_cmd sigil-pg "$PG_URL" import "$ES_IDS" &&
    sigil_cmd sigil-pg "$PG_URL" import "$INTROSPECTOR"; } \
    >"$WORK/import-pg.log" 2>&1 || die "sigil import (PostgreSQL) failed"
  seed "$PG_URL" --count 2000 --out "$WORK/refresh-pg.txt" >"$WORK/seed-pg.json"
  for c in "${CONCS[@]}"; do
    seed "$PG_URL" --count 2000 --client "$ES_ID" --out "$WORK/refresh-es-pg-$c.txt" >"$WORK/seed-es-pg-$c.json"
  done
  startup_row "sigil (PostgreSQL)" sigil-pg "$PG_URL"
  sigil_start sigil-pg "$PG_URL"
  log "refresh rotation on PostgreSQL c=$C"
  refresh_row "sigil (PostgreSQL)" "$SIGIL_PID" "$SIGIL_URL" "$WORK/refresh-pg.txt" pg
  for c in "${CONCS[@]}"; do
    refresh_row "sigil (PostgreSQL)" "$SIGIL_PID" "$SIGIL_URL" "$WORK/refresh-es-pg-$c.txt" "es-pg-$c" "$ES_ID" "$ES_SECRET" \
      "ES256 ID tokens" "$c"
  done
  meta drops_pg "$(signin_drops "$SIGIL_URL")"
  sigil_stop "$SIGIL_PID"
fi

# (8) Several instances on one PostgreSQL (docs/scale-out.md): 1, 2 and 3 `sigil serve` processes
# sharing one database and master key; the load goes round-robin over them, so a refresh token or
# a code one instance issued is redeemed at another. Every process (the instances, PostgreSQL and
# the load generator) shares this machine's CPUs: "per core" divides by all of them.
if ((PG)); then
  CORES=$(nproc)
  pg_create scale
  SCALE_URL=$PG_NEW_URL
  { sigil_cmd scale "$SCALE_URL" import "$CONTOSO" && sigil_cmd scale "$SCALE_URL" import "$ES_IDS"; } \
    >"$WORK/import-scale.log" 2>&1 || die "sigil import (scale) failed"
  SCALE_PIDS=() SCALE_URLS=()
  for n in 1 2 3; do
    sigil_start scale "$SCALE_URL"
    SCALE_PIDS+=("$SIGIL_PID") SCALE_URLS+=("$SIGIL_URL")
    url_args=() token_args=() redeem_args=()
    for u in "${SCALE_URLS[@]}"; do
      url_args+=(--url "$u") token_args+=(--url "$u/contoso/oauth2/v2.0/token")
      [[ "$u" == "${SCALE_URLS[0]}" ]] || redeem_args+=(--redeem-at "$u")
    done
    label="sigil x$n (PostgreSQL)"
    log "$n instance(s) on one PostgreSQL: client credentials, refresh rotation, auth-code flow (c=$C)"
    out="$WORK/scale-cc-$n.json"
    timeout --kill-after=5 $((DUR + 60)) "$SB" load "${token_args[@]}" --method POST --concurrency "$C" --seconds "$DUR" \
      --basic "$DAEMON_ID:$DAEMON_SECRET" --body "$CC_BODY" >"$out" 2>>"$WORK/load.log" || die "scale: load failed"
    row "$n instance(s): client credentials c=$C" "$label" "$(jget "$out" requests_per_sec)" "$(jget "$out" p50_ms)" \
      "$(jget "$out" p99_ms)" "$(jget "$out" non2xx) / $(jget "$out" transport_errors)" "-" \
      "$(python3 -c "print(round($(jget "$out" requests_per_sec) / $CORES, 1))") req/s per core ($CORES cores)"
    seed "$SCALE_URL" --count 2000 --client "$ES_ID" --out "$WORK/scale-tokens-$n.txt" >"$WORK/scale-seed-$n.json"
    out="$WORK/scale-refresh-$n.json"
    timeout --kill-after=5 $((DUR + 90)) "$SB" refresh "${url_args[@]}" --tenant contoso --client-id "$ES_ID" \
      --secret "$ES_SECRET" --tokens "$WORK/scale-tokens-$n.txt" --concurrency "$C" --seconds "$DUR" \
      >"$out" 2>>"$WORK/bench.log" || die "scale: refresh failed"
    row "$n instance(s): refresh rotation c=$C (chained, next instance)" "$label" "$(jget "$out" ok_per_sec)" \
      "$(jget "$out" p50_ms)" "$(jget "$out" p99_ms)" "$(jget "$out" non2xx) / $(jget "$out" transport_errors)" "-" \
      "duplicate successors: $(jget "$out" duplicate_successors); $(python3 -c "print(round($(jget "$out" ok_per_sec) / $CORES, 1))")/s per core"
    [[ "$(jget "$out" duplicate_successors)" == 0 ]] || log "WARNING: duplicate refresh successors with $n instances"
    out="$WORK/scale-flow-$n.json"
    timeout --kill-after=5 $((DUR + 90)) "$SB" flow --url "${SCALE_URLS[0]}" "${redeem_args[@]}" --tenant contoso \
      --concurrency "$C" --seconds "$DUR" >"$out" 2>>"$WORK/bench.log" || die "scale: flow failed"
    row "$n instance(s): auth-code flow c=$C (code redeemed at the next instance)" "$label" "$(jget "$out" ok_per_sec)" \
      "$(jget "$out" p50_ms)" "$(jget "$out" p99_ms)" "$(jget "$out" failed) failed" "-" \
      "flows/s; $(python3 -c "print(round($(jget "$out" ok_per_sec) / $CORES, 1))") per core"
  done
  for pid in "${SCALE_PIDS[@]}"; do sigil_stop "$pid"; done
fi

# (7) Data-size growth: grants (each with a refresh token) and sign-in rows at each size; refresh
# latency and trace-id lookup latency on one connection, one request at a time.
growth() { # growth LABEL NAME DBURL
  local label=$1 name=$2 url=$3 have=0 size add all="$WORK/$2-all.txt" used="$WORK/$2-used.txt" trace
  sigil_cmd "$name" "$url" import "$CONTOSO" >"$WORK/import-$name.log" 2>&1 || die "sigil import ($name) failed"
  : >"$all"
  : >"$used"
  for size in "${SIZES[@]}"; do
    add=$((size - have))
    log "growth [$label]: seeding $add grants and $add sign-in rows (to $size each)"
    local t0=$SECONDS
    seed "$url" --count "$add" --signins "$add" --out "$WORK/$name-batch.txt" >"$WORK/$name-seed-$size.json"
    cat "$WORK/$name-batch.txt" >>"$all"
    have=$size
    trace=$(jget "$WORK/$name-seed-$size.json" known_trace_id)
    local seed_s=$((SECONDS - t0))
    sigil_start "$name" "$url"
    grep -vxF -f "$used" "$all" >"$WORK/$name-candidates.txt" || true
    "$SB" latency --url "$SIGIL_URL" --mode refresh --client-id "$LEGACY_ID" --secret "$LEGACY_SECRET" \
      --tokens "$WORK/$name-candidates.txt" --count "$LAT_COUNT" --used-out "$WORK/$name-used-now.txt" \
      >"$WORK/$name-lat-$size.json" 2>>"$WORK/bench.log" || die "latency ($name, $size) failed"
    cat "$WORK/$name-used-now.txt" >>"$used"
    local f="$WORK/$name-lat-$size.json"
    row "growth $size rows: refresh, 1 connection" "$label" "-" "$(jget "$f" p50_ms)" "$(jget "$f" p99_ms)" \
      "$(jget "$f" non2xx) / $(jget "$f" transport_errors)" "$(peak_kb "$SIGIL_PID")" \
      "seeded in ${seed_s}s; ready in $READY_MS ms"
    "$SB" log-lookup --database-url "$url" --trace-id "$trace" --count 200 >"$WORK/$name-lookup-$size.json" \
      2>>"$WORK/bench.log" || die "log-lookup ($name, $size) failed"
    local cli
    cli=$(sigil_cmd "$name" "$url" logs --trace-id "$trace" 2>&1 >/dev/null | sed -n 's/.* in \([0-9.]*\) ms.*/\1/p') || true
    f="$WORK/$name-lookup-$size.json"
    row "growth $size rows: log lookup by trace id" "$label" "-" "$(jget "$f" p50_ms)" "$(jget "$f" p99_ms)" \
      "-" "-" "store query x200; 'sigil logs --trace-id' reports ${cli:-?} ms"
    # As many pending device codes as grants; polled one at a time (latency, not throughput).
    device_row "$label" "$SIGIL_PID" "$url" "$SIGIL_URL" "$add" 1 3 "growth $size codes, 1 connection"
    meta "drops_$name" "$(signin_drops "$SIGIL_URL")"
    sigil_stop "$SIGIL_PID"
  done
}
growth "sigil (SQLite)" growth-sqlite "sqlite://$WORK/growth-sqlite/sigil-data/sigil.db"
if ((PG)); then
  pg_create growth
  growth "sigil (PostgreSQL)" growth-pg "$PG_NEW_URL"
fi

# (8) Sign-in log search through the admin API (issue 22): SEARCH_ROWS records over 30 days, then
# the console's default queries on one connection (sigil-bench signin-search). Aim: p99 < 50 ms.
search() { # search LABEL NAME DBURL
  local label=$1 name=$2 url=$3 token f t0 seed_s
  token="bench-admin-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  [[ "$url" == postgres* ]] && pg_fast_commit "$url" on
  mkdir -p "$WORK/$name/sigil-data" # the store creates the schema on first open
  t0=$SECONDS
  "$SB" signin-search --database-url "$url" --rows "$SEARCH_ROWS" >"$WORK/$name-seed.json" 2>>"$WORK/bench.log" ||
    die "signin-search seeding ($name) failed"
  seed_s=$((SECONDS - t0))
  [[ "$url" == postgres* ]] && pg_fast_commit "$url" off
  SIGIL_EXTRA_ENV="SIGIL_SERVER_ADMIN_TOKEN=$token" sigil_start "$name" "$url"
  f="$WORK/$name-search.json"
  "$SB" signin-search --database-url "$url" --rows 0 --url "$SIGIL_URL" --token "$token" --count "$LAT_COUNT" \
    >"$f" 2>>"$WORK/bench.log" || die "signin-search ($name) failed"
  python3 - "$f" "$label" "$SEARCH_ROWS" "$seed_s" >>"$ROWS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for q in d["queries"]:
    print("\t".join([f"log search {sys.argv[3]} rows: {q['query']}", sys.argv[2], "-", str(q["p50_ms"]),
                     str(q["p99_ms"]), "-", "-", f"{q['items']} item(s); seeded in {sys.argv[4]}s"]))
PY
  sigil_stop "$SIGIL_PID"
}
search "sigil (SQLite)" search-sqlite "sqlite://$WORK/search-sqlite/sigil-data/sigil.db"
if ((PG)); then
  pg_create search
  search "sigil (PostgreSQL)" search-pg "$PG_NEW_URL"
fi

# ---------------------------------------------------------------------------------------------
meta placement "$PLACEMENT"
meta loadgen "$LOADGEN $([[ $LOADGEN == oha ]] && echo "$OHA_VERSION")"
meta mode "$MODE, ${DUR}s per load scenario"
meta peak_note "$PEAK_NOTE"
meta binary "$SIGIL"
log "done in ${SECONDS}s"
python3 "$BENCH_DIR/report.py" "$ROWS" "$META" | tee "${TABLE_OUT:-/dev/null}"
