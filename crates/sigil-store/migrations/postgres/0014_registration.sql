-- Issue 20: dynamic client registration (RFC 7591). A tenant's registration policy (JSON, the
-- defaults when '{}') and initial access tokens, kept only as hashes.
ALTER TABLE tenants ADD COLUMN registration jsonb NOT NULL DEFAULT '{}';
CREATE TABLE initial_access_tokens (
    hash       bytea PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    uses_left  bigint NOT NULL,
    expires_at bigint,
    created_at bigint NOT NULL
);
