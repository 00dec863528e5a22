-- Issue 21: second factors. A user's authenticators (TOTP now; passkeys next, same table: kind,
-- name, created, last used), recovery codes (hashes, each single use), the methods a session, a
-- code, a device approval and a grant were authenticated with (RFC 8176 `amr`, space-separated), and MFA policies.
CREATE TABLE authenticators (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    -- TOTP: the secret sealed under the master key (AES-256-GCM).
    secret_sealed BLOB,
    -- TOTP: the last RFC 6238 time step accepted; a code of this step or older is refused.
    last_step    INTEGER,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE INDEX authenticators_user ON authenticators (tenant_id, user_id);
CREATE TABLE recovery_codes (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hash       BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (tenant_id, user_id, hash)
) STRICT, WITHOUT ROWID;
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT 'pwd';
ALTER TABLE auth_codes ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE device_codes ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN mfa TEXT NOT NULL DEFAULT 'off';
ALTER TABLE groups ADD COLUMN require_mfa INTEGER NOT NULL DEFAULT 0;
