-- Access tokens revoked by their `jti` (RFC 7009 §2.1), kept until the token expires (issue 20).
CREATE TABLE revoked_access_tokens (
    tenant_id  TEXT NOT NULL,
    jti        TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, jti)
) STRICT, WITHOUT ROWID;
CREATE INDEX revoked_access_tokens_expiry ON revoked_access_tokens (expires_at);
