-- Issue 21: second factors. A user's authenticators (TOTP now; passkeys next, same table: kind,
-- name, created, last used), recovery codes (hashes, each single use), the methods a session, a
-- code, a device approval and a grant were authenticated with (RFC 8176 `amr`, space-separated), and MFA policies.
CREATE TABLE authenticators (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          text NOT NULL,
    name          text NOT NULL,
    -- TOTP: the secret sealed under the master key (AES-256-GCM).
    secret_sealed bytea,
    -- TOTP: the last RFC 6238 time step accepted; a code of this step or older is refused.
    last_step     bigint,
    created_at    bigint NOT NULL,
    last_used_at  bigint
);
CREATE INDEX authenticators_user ON authenticators (tenant_id, user_id);
CREATE TABLE recovery_codes (
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hash       bytea NOT NULL,
    created_at bigint NOT NULL,
    used_at    bigint,
    PRIMARY KEY (tenant_id, user_id, hash)
);
ALTER TABLE sessions ADD COLUMN amr text NOT NULL DEFAULT 'pwd';
ALTER TABLE auth_codes ADD COLUMN amr text NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN amr text NOT NULL DEFAULT '';
ALTER TABLE device_codes ADD COLUMN amr text NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN mfa text NOT NULL DEFAULT 'off';
ALTER TABLE groups ADD COLUMN require_mfa boolean NOT NULL DEFAULT false;
