#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it. Installs and starts what the tests need:
# PostgreSQL (reuses one on 127.0.0.1:5432, else a throw-away cluster from Debian's packages),
# Python client libraries (pinned, in a venv), Node + Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ENV_DIR="$ROOT/target/test-env"
mkdir -p "$ENV_DIR"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

log() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PostgreSQL
PG_STARTED=""
cleanup() {
  if [ -n "$PG_STARTED" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_STARTED" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
if [ -z "${SIGIL_TEST_POSTGRES_URL:-}" ]; then
  if port_open 5432; then
    log "using the PostgreSQL already listening on 127.0.0.1:5432"
    export SIGIL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
  else
    log "starting a throw-away PostgreSQL cluster"
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then apt_install postgresql; fi
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    # Installing the package may start Debian's own cluster (password auth on TCP): stop it.
    if port_open 5432; then
      for v in /etc/postgresql/*; do pg_ctlcluster --skip-systemctl-redirect "$(basename "$v")" main stop || true; done
    fi
    PGDATA=$(mktemp -d /tmp/sigil-pg.XXXXXX)
    chown postgres "$PGDATA"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -o "-p 5432 -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" -w start >/dev/null
    PG_STARTED="$PGDATA"
    export SIGIL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
  fi
fi

# --- Python client libraries (pinned)
log "Python clients"
if [ ! -x "$ENV_DIR/venv/bin/python" ]; then python3 -m venv "$ENV_DIR/venv"; fi
"$ENV_DIR/venv/bin/pip" install -q --disable-pip-version-check -r tests/clients/requirements.txt
export SIGIL_TEST_PYTHON="$ENV_DIR/venv/bin/python"

# --- Node, Playwright (playwright-core) and Debian's Chromium for the browser tests
log "browser test dependencies"
if ! command -v chromium >/dev/null 2>&1; then apt_install chromium; fi
# Screenshots of every language need a CJK and an Arabic font.
if ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then apt_install fonts-noto-cjk fonts-noto-core || true; fi
(cd tests/browser && npm ci --silent --no-audit --no-fund)
(cd tests/clients/msal-node && npm ci --silent --no-audit --no-fund)
(cd tests/clients/azure-identity-js && npm ci --silent --no-audit --no-fund)

(cd tests/clients/oauth4webapi && npm ci --silent --no-audit --no-fund)
(cd tests/clients/openid-client && npm ci --silent --no-audit --no-fund)
export SIGIL_TEST_CHROMIUM=$(command -v chromium)

# --- Rust: format, lints, every test (unit, store conformance on both backends, integration)
log "cargo fmt --check"
cargo fmt --all -- --check
log "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
log "cargo test"
cargo test --workspace --no-fail-fast

# --- The benchmark in smoke mode, so it cannot rot (prints numbers, asserts nothing about speed)
if [ -x bench/run.sh ]; then
  log "benchmark smoke run"
  bench/run.sh --smoke
fi
log "all tests passed"
