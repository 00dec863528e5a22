#!/usr/bin/env bash
# Alternating A/B runs of two Sigil builds on one scenario: the host's drift between runs is larger
# than most single changes, so compare pairs run back to back, never runs from different times.
#
#   bench/ab.sh OLD_BIN_DIR NEW_BIN_DIR SCENARIO [PAIRS] [SECONDS] [CONCURRENCY]
#
# SCENARIO: cc (client credentials, oha), refresh-sqlite or refresh-pg (sigil-bench refresh, ES256
# ID tokens, 2,000 seeded grants). Each BIN_DIR holds `sigil` and `sigil-bench` (a target/release).
# Every run starts a fresh server on a fresh database; prints one line per run and the ratio per pair.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
A=$1 B=$2 SCENARIO=$3 PAIRS=${4:-3} SECS=${5:-8} CONC=${6:-16}
OHA="$ROOT/bench/.tools/bin/oha"
case "$SCENARIO" in
  cc) [[ -x "$OHA" ]] || { echo "oha not found: run bench/run.sh once" >&2; exit 1; } ;;
  refresh-sqlite | refresh-pg) ;;
  *) echo "usage: $0 OLD_BIN_DIR NEW_BIN_DIR cc|refresh-sqlite|refresh-pg [PAIRS] [SECONDS] [CONCURRENCY]" >&2; exit 2 ;;
esac
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sigil-ab.XXXXXX")
SP=""
PGDB="sigil_ab_$$"
cleanup() {
  [[ -n "$SP" ]] && kill -TERM "$SP" 2>/dev/null && wait "$SP" 2>/dev/null
  [[ "$SCENARIO" == refresh-pg ]] && psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# run BIN_DIR -> prints requests (or rotations) per second
run() {
  local bin=$1 dir="$WORK/run" db port
  rm -rf "$dir" && mkdir -p "$dir"
  if [[ "$SCENARIO" == refresh-pg ]]; then
    psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" -c "CREATE DATABASE $PGDB" >/dev/null
    db="postgres://postgres@127.0.0.1:5432/$PGDB"
  else
    db="sqlite://$dir/sigil.db"
  fi
  local -a envs=(PATH="$PATH" SIGIL_DATABASE_URL="$db" SIGIL_SECURITY_MASTER_KEY_FILE="$dir/master.key" SIGIL_SERVER_LOG_LEVEL=warn)
  # Rate limits (and their setting) exist only in builds that know them: an older build refuses
  # SIGIL_* variables it does not know.
  if grep -qa rate_limits "$bin/sigil"; then
    envs+=(SIGIL_RATE_LIMITS_ENABLED=false)
  fi
  (cd "$dir" && env -i "${envs[@]}" "$bin/sigil" import "$ROOT/examples/contoso.toml" >/dev/null)
  (cd "$dir" && env -i "${envs[@]}" "$bin/sigil" import "$ROOT/bench/fixtures/es256-ids.toml" >/dev/null)
  [[ "$SCENARIO" == cc ]] ||
    "$bin/sigil-bench" seed-grants --database-url "$db" --count 2000 --client bench-es256-ids --out "$dir/tokens.txt" >/dev/null 2>&1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  (cd "$dir" && exec env -i "${envs[@]}" "$bin/sigil" serve --listen "127.0.0.1:$port") >"$dir/serve.log" 2>&1 &
  SP=$!
  "$bin/sigil-bench" wait-ready --url "http://127.0.0.1:$port/readyz" --since-unix-nanos "$(date +%s%N)" >/dev/null 2>&1
  if [[ "$SCENARIO" == cc ]]; then
    "$OHA" --no-tui --output-format json -z "${SECS}s" -c "$CONC" -m POST \
      -a reporting-daemon:daemon-secret-change-me-0123456789abcdef -T application/x-www-form-urlencoded \
      -d 'grant_type=client_credentials&scope=api%3A%2F%2Freports%2F.default' \
      "http://127.0.0.1:$port/contoso/oauth2/v2.0/token" >"$dir/load.json"
  else
    "$bin/sigil-bench" refresh --url "http://127.0.0.1:$port" --tenant contoso --client-id bench-es256-ids \
      --secret bench-es256-ids-secret-0123456789abcdef --tokens "$dir/tokens.txt" --concurrency "$CONC" \
      --seconds "$SECS" >"$dir/load.json" 2>/dev/null
  fi
  kill -TERM "$SP" && wait "$SP" 2>/dev/null || true
  SP=""
  python3 - "$dir/load.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if "summary" in d:
    s = d["summary"]; bad = sum(v for k, v in d.get("statusCodeDistribution", {}).items() if not k.startswith("2"))
    print("%.0f p99=%.2fms non2xx=%d" % (s["requestsPerSec"], d["latencyPercentiles"]["p99"] * 1000, bad))
else:
    print("%.0f p99=%.2fms non2xx=%d dup=%d" % (d["ok_per_sec"], d["p99_ms"], d["non2xx"], d["duplicate_successors"]))
PY
}

echo "scenario $SCENARIO, c=$CONC, ${SECS}s per run; A=$A B=$B"
for i in $(seq 1 "$PAIRS"); do
  ra=$(run "$A") rb=$(run "$B")
  python3 -c 'import sys; a, b = float(sys.argv[1].split()[0]), float(sys.argv[2].split()[0]); print("pair %s: A %s | B %s | B/A %+.1f %%" % (sys.argv[3], sys.argv[1], sys.argv[2], (b / a - 1) * 100))' "$ra" "$rb" "$i"
done
