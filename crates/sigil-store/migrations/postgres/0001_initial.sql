-- Sigil schema, PostgreSQL. Times are Unix seconds (bigint) unless a column says millis.
--
-- Case-insensitive names (tenant names, usernames) compare as lower(x COLLATE "C"): ASCII-only
-- folding, exactly like SQLite's NOCASE, and independent of the database's locale (so the
-- expression indexes never depend on the C library's case tables).

CREATE TABLE meta (
    key         text PRIMARY KEY,
    int_value   bigint,
    bytes_value bytea,
    CHECK ((int_value IS NULL) <> (bytes_value IS NULL))
);
INSERT INTO meta (key, int_value) VALUES ('generation', 0);

CREATE TABLE tenants (
    id               uuid PRIMARY KEY,
    name             text NOT NULL,
    display_name     text NOT NULL,
    default_locale   text NOT NULL,
    signing_alg      text NOT NULL,
    allow_plain_pkce boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX tenants_name ON tenants (lower(name COLLATE "C"));

CREATE TABLE apis (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text NOT NULL,
    identifier text NOT NULL,
    scopes     jsonb NOT NULL,
    roles      jsonb NOT NULL,
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, identifier)
);

CREATE TABLE clients (
    id        uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    client_id text NOT NULL,
    name      text NOT NULL,
    body      jsonb NOT NULL, -- type, methods, grants, URIs, permissions, lifetimes
    UNIQUE (tenant_id, client_id)
);

CREATE TABLE client_secrets (
    id         uuid PRIMARY KEY,
    client     uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    hash       bytea NOT NULL,
    hint       text NOT NULL,
    expires_at bigint,
    created_at bigint NOT NULL
);
CREATE INDEX client_secrets_client ON client_secrets (client);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    username      text NOT NULL,
    display_name  text NOT NULL,
    email         text,
    enabled       boolean NOT NULL,
    password_hash text NOT NULL
);
CREATE UNIQUE INDEX users_tenant_username ON users (tenant_id, lower(username COLLATE "C"));

CREATE TABLE signing_keys (
    kid            text PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    alg            text NOT NULL,
    sealed_private bytea NOT NULL,
    created_at     bigint NOT NULL,
    active_from    bigint NOT NULL,
    retired_at     bigint
);
CREATE INDEX signing_keys_tenant ON signing_keys (tenant_id);

CREATE TABLE grants (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    client_id     text NOT NULL,
    user_id       uuid,
    scope         text NOT NULL,
    auth_time     bigint NOT NULL,
    created_at    bigint NOT NULL,
    expires_at    bigint NOT NULL,
    revoked_at    bigint,
    revoke_reason text
);

CREATE TABLE refresh_tokens (
    hash             bytea PRIMARY KEY,
    grant_id         uuid NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    created_at       bigint NOT NULL,
    used_at          bigint,
    successor_hash   bytea,
    successor_sealed bytea
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_sealed ON refresh_tokens (used_at) WHERE successor_sealed IS NOT NULL;

CREATE TABLE auth_codes (
    hash                  bytea PRIMARY KEY,
    tenant_id             uuid NOT NULL,
    client_id             text NOT NULL,
    grant_id              uuid NOT NULL,
    user_id               uuid NOT NULL,
    redirect_uri          text NOT NULL,
    scope                 text NOT NULL,
    nonce                 text,
    code_challenge        text,
    code_challenge_method text,
    auth_time             bigint NOT NULL,
    session_id            text,
    created_at            bigint NOT NULL,
    expires_at            bigint NOT NULL,
    consumed_at           bigint
);
CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);

-- username holds the folded key, lower(username COLLATE "C"), so the primary key is the
-- case-insensitive identity, as SQLite's NOCASE primary key.
CREATE TABLE lockouts (
    tenant_id    uuid NOT NULL,
    username     text NOT NULL,
    source       text NOT NULL,
    failures     bigint NOT NULL,
    first_at     bigint NOT NULL,
    locked_until bigint,
    PRIMARY KEY (tenant_id, username, source),
    CHECK (username = lower(username COLLATE "C"))
);

CREATE TABLE sessions (
    hash       bytea PRIMARY KEY,
    tenant_id  uuid NOT NULL,
    user_id    uuid NOT NULL,
    auth_time  bigint NOT NULL,
    expires_at bigint NOT NULL
);

CREATE TABLE consents (
    tenant_id  uuid NOT NULL,
    user_id    uuid NOT NULL,
    client_id  text NOT NULL,
    scopes     jsonb NOT NULL,
    granted_at bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id, client_id)
);

CREATE TABLE signin_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time_millis    bigint NOT NULL,
    trace_id       text NOT NULL,
    correlation_id text NOT NULL,
    tenant         text NOT NULL,
    client_id      text,
    username       text,
    flow           text NOT NULL,
    code           bigint NOT NULL,
    error          text,
    reason         text NOT NULL,
    source         text NOT NULL,
    user_agent     text NOT NULL,
    latency_micros bigint NOT NULL
);
CREATE INDEX signin_log_time ON signin_log (time_millis);
CREATE INDEX signin_log_trace ON signin_log (trace_id);
CREATE INDEX signin_log_correlation ON signin_log (correlation_id);
CREATE INDEX signin_log_client ON signin_log (client_id, time_millis);
CREATE INDEX signin_log_user ON signin_log (username, time_millis);
