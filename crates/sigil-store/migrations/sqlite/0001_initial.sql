-- Sigil schema, SQLite. Times are Unix seconds unless a column says millis. Ids are UUID text.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value ANY NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE tenants (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name     TEXT NOT NULL,
    default_locale   TEXT NOT NULL,
    signing_alg      TEXT NOT NULL,
    allow_plain_pkce INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE apis (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    identifier TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    roles      TEXT NOT NULL,
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, identifier)
) STRICT;

CREATE TABLE clients (
    id        TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    body      TEXT NOT NULL, -- JSON: type, methods, grants, URIs, permissions, lifetimes
    UNIQUE (tenant_id, client_id)
) STRICT;

CREATE TABLE client_secrets (
    id         TEXT PRIMARY KEY,
    client     TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    hash       BLOB NOT NULL,
    hint       TEXT NOT NULL,
    expires_at INTEGER,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX client_secrets_client ON client_secrets (client);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    username      TEXT NOT NULL COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    email         TEXT,
    enabled       INTEGER NOT NULL,
    password_hash TEXT NOT NULL,
    UNIQUE (tenant_id, username)
) STRICT;

CREATE TABLE signing_keys (
    kid            TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    alg            TEXT NOT NULL,
    sealed_private BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    active_from    INTEGER NOT NULL,
    retired_at     INTEGER
) STRICT;

CREATE TABLE grants (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    user_id    TEXT,
    scope      TEXT NOT NULL,
    auth_time  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoke_reason TEXT
) STRICT;

CREATE TABLE refresh_tokens (
    hash             BLOB PRIMARY KEY,
    grant_id         TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    used_at          INTEGER,
    successor_hash   BLOB,
    successor_sealed BLOB
) STRICT, WITHOUT ROWID;
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_sealed ON refresh_tokens (used_at) WHERE successor_sealed IS NOT NULL;

CREATE TABLE auth_codes (
    hash                  BLOB PRIMARY KEY,
    tenant_id             TEXT NOT NULL,
    client_id             TEXT NOT NULL,
    grant_id              TEXT NOT NULL,
    user_id               TEXT NOT NULL,
    redirect_uri          TEXT NOT NULL,
    scope                 TEXT NOT NULL,
    nonce                 TEXT,
    code_challenge        TEXT,
    code_challenge_method TEXT,
    auth_time             INTEGER NOT NULL,
    session_id            TEXT,
    created_at            INTEGER NOT NULL,
    expires_at            INTEGER NOT NULL,
    consumed_at           INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);

CREATE TABLE lockouts (
    tenant_id    TEXT NOT NULL,
    username     TEXT NOT NULL COLLATE NOCASE,
    source       TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    first_at     INTEGER NOT NULL,
    locked_until INTEGER,
    PRIMARY KEY (tenant_id, username, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
    hash       BLOB PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    auth_time  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE consents (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id, client_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE signin_log (
    id             INTEGER PRIMARY KEY,
    time_millis    INTEGER NOT NULL,
    trace_id       TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    tenant         TEXT NOT NULL,
    client_id      TEXT,
    username       TEXT,
    flow           TEXT NOT NULL,
    code           INTEGER NOT NULL,
    error          TEXT,
    reason         TEXT NOT NULL,
    source         TEXT NOT NULL,
    user_agent     TEXT NOT NULL,
    latency_micros INTEGER NOT NULL
) STRICT;
CREATE INDEX signin_log_time ON signin_log (time_millis);
CREATE INDEX signin_log_trace ON signin_log (trace_id);
CREATE INDEX signin_log_correlation ON signin_log (correlation_id);
CREATE INDEX signin_log_client ON signin_log (client_id, time_millis);
CREATE INDEX signin_log_user ON signin_log (username, time_millis);
