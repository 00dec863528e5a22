-- Issue 20: dynamic client registration (RFC 7591). A tenant's registration policy (JSON, the
-- defaults when '{}') and initial access tokens, kept only as hashes.
ALTER TABLE tenants ADD COLUMN registration TEXT NOT NULL DEFAULT '{}';
CREATE TABLE initial_access_tokens (
    hash       BLOB PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    uses_left  INTEGER NOT NULL,
    expires_at INTEGER,
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
